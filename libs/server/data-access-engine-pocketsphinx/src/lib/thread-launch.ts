import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';

/** The engine's thread entry points, in `worker/`. */
export type ThreadEntry = 'decoder-worker' | 'decoder-loader' | 'language-model-builder';

/** What to hand to `new Worker(script, { eval })` to start one of the engine's threads. */
export interface ThreadLaunch {
  /** A file path, or JavaScript source when `evaluate` is true. */
  readonly script: string;
  readonly evaluate: boolean;
}

/**
 * Finds a thread's entry point next to this module, for both ways the code runs:
 * - compiled (the server build turns every `.ts` into a sibling `.js`, keeping the layout):
 *   `worker/<entry>.js` is started as is;
 * - from TypeScript sources (Jest compiles modules in memory, nothing is on disk):
 *   `worker/<entry>.ts` is started through a few lines of JavaScript that compile each
 *   `.ts` file the thread requires with SWC, the compiler the workspace already uses.
 * The compiled file wins when both exist. Worker modules import only relative files, node
 * built-ins and koffi (type-only imports of workspace aliases are erased), so no alias
 * resolution is needed in either case.
 */
export function resolveThreadLaunch(entry: ThreadEntry, moduleDirectory: string = __dirname): ThreadLaunch {
  const compiled = join(moduleDirectory, 'worker', `${entry}.js`);
  if (existsSync(compiled)) return { script: compiled, evaluate: false };
  const source = join(moduleDirectory, 'worker', `${entry}.ts`);
  // SWC is resolved from the workspace, here, because the entry may live anywhere (tests use temp dirs).
  if (existsSync(source)) return { script: typeScriptBootstrap(source, require.resolve('@swc/core')), evaluate: true };
  throw new PocketsphinxError(
    PocketsphinxErrorCode.WorkerFailed,
    `the ${entry} thread's entry point is missing: neither ${compiled} nor ${source} exists ` +
      `(a bundler must emit worker/${entry} as an entry point of its own)`,
  );
}

function typeScriptBootstrap(entry: string, swcPath: string): string {
  return `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const entry = ${JSON.stringify(entry)};
const swc = require(${JSON.stringify(swcPath)});
const swcOptions = {
  swcrc: false,
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
require(entry);
`;
}
