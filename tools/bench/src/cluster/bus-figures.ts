import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of the bus benchmark's table: measure, value, bar, met. */
export type BusRow = readonly [string, string, string, string];

/** What the bus benchmark wrote to dist/bench/bus.json. */
export interface BusFigures {
  readonly notes: readonly string[];
  readonly rows: readonly BusRow[];
}

/**
 * Runs the bus benchmark (tools/bench/bus, `npm run bench:bus`) as it is, in a process of its own,
 * and reads the figures it wrote: the Redis stream alone with 3 readers, and PostgreSQL finals while
 * the stream fans them out.
 */
export async function runBusBenchmark(args: readonly string[]): Promise<BusFigures> {
  const root = workspaceRoot();
  const script = join(root, 'dist', 'server', 'tools', 'bench', 'bus', 'src', 'main.js');
  await new Promise<void>((resolve, reject) => {
    // Its progress goes to our stderr; its report (stdout) is read back from the file it writes.
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the bus benchmark exited with ${code ?? signal}`))));
  });
  const report = JSON.parse(readFileSync(join(root, 'dist', 'bench', 'bus.json'), 'utf8')) as BusFigures;
  return { notes: report.notes, rows: report.rows };
}
