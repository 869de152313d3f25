/**
 * Builds the server side (apps/gateway, apps/users-cli, tools that run on Node, and every server lib) into
 * dist/server with SWC, keeping the source layout. Workspace aliases are rewritten to relative
 * paths by SWC, so `node dist/server/apps/gateway/src/main.js` runs without a path loader.
 * SWC is used instead of tsc because it keeps Nest's decorator metadata at a fraction of the
 * time; types are checked separately by each project's `typecheck` target.
 */
const { transformFile } = require('@swc/core');
const { mkdir, readdir, rm, writeFile } = require('node:fs/promises');
const { dirname, join, relative } = require('node:path');
const baseOptions = require('../jest/swc-options');

const root = join(__dirname, '..', '..');
const outDir = join(root, 'dist', 'server');
// Keep apps/gateway/project.json's build inputs in step with these folders, or Nx serves a stale build from its cache.
const sourceRoots = [
  'apps/gateway/src',
  'apps/users-cli/src',
  'libs/protocol/src',
  'libs/shared',
  'libs/server',
  'libs/extensions',
  'libs/tools',
  'tools/simulator',
  'tools/cluster',
  'tools/bench',
];

async function* typeScriptSources(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* typeScriptSources(path);
    } else if (
      /\.(ts|js)$/.test(entry.name) &&
      !/\.(spec|test)\.ts$/.test(entry.name) &&
      !/^(jest\.config|eslint\.config)/.test(entry.name)
    ) {
      yield path;
    }
  }
}

async function build() {
  const tsconfig = require(join(root, 'tsconfig.base.json'));
  const options = {
    ...baseOptions,
    sourceMaps: true,
    jsc: { ...baseOptions.jsc, baseUrl: root, paths: tsconfig.compilerOptions.paths },
  };
  await rm(outDir, { recursive: true, force: true });
  let count = 0;
  for (const sourceRoot of sourceRoots) {
    for await (const file of typeScriptSources(join(root, sourceRoot))) {
      const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      const output = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      await writeFile(`${target}.map`, output.map);
      count++;
    }
  }
  console.log(`built ${count} files into ${relative(root, outDir)}`);
}

build().catch((error) => {
  console.error(error);
  process.exit(1);
});
