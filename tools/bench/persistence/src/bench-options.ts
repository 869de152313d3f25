import { parseArgs } from 'node:util';

/** What the persistence benchmark runs. */
export interface BenchOptions {
  /** Final segments per second of the sustained run (the bar is 5,000). */
  readonly rate: number;
  /** Length of each measured window, seconds. */
  readonly seconds: number;
  /** Unmeasured run-in before each window, seconds. */
  readonly warmupSeconds: number;
  /** Concurrent calls the segments are spread over (each with one agent socket). */
  readonly calls: number;
  /** Sockets subscribed to every call (`'*'`). */
  readonly supervisors: number;
  /** Sustained runs per store, alternating memory and SQLite. */
  readonly rounds: number;
}

/** The defaults: the bar on this 2-core machine. */
export const DEFAULT_OPTIONS: BenchOptions = { rate: 5000, seconds: 10, warmupSeconds: 2, calls: 100, supervisors: 2, rounds: 2 };

const USAGE =
  'usage: node dist/server/tools/bench/persistence/src/main.js ' +
  '[--rate=5000] [--seconds=10] [--warmup=2] [--calls=100] [--supervisors=2] [--rounds=2]';

/** Reads the command line; throws with the usage for anything unknown or not a positive integer. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const names = {
    rate: 'rate',
    seconds: 'seconds',
    warmup: 'warmupSeconds',
    calls: 'calls',
    supervisors: 'supervisors',
    rounds: 'rounds',
  } as const;
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(Object.keys(names).map((name) => [name, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  const options: Record<string, number> = { ...DEFAULT_OPTIONS };
  for (const [flag, field] of Object.entries(names)) {
    const value = values[flag];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < (field === 'warmupSeconds' ? 0 : 1)) {
      throw new Error(`--${flag} must be a positive integer (got ${JSON.stringify(value)})\n${USAGE}`);
    }
    options[field] = Number(value);
  }
  return options as unknown as BenchOptions;
}
