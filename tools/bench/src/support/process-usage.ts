import { readFileSync } from 'node:fs';

/** Linux reports CPU time in /proc in units of USER_HZ, which the kernel ABI fixes at 100. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time and resident memory of a process at one moment, read from /proc. */
export interface ProcessUsage {
  /** `performance.now()` when it was read. */
  readonly at: number;
  /** User + system CPU time so far, seconds. */
  readonly cpuSeconds: number;
  /** VmRSS, bytes. */
  readonly rssBytes: number;
  /** For a group: each process's CPU time so far, seconds, in the order of its pids. */
  readonly cpuSecondsByProcess?: readonly number[];
}

/** Reads `pid`'s CPU time (/proc/<pid>/stat) and resident set size (/proc/<pid>/status). */
export function readProcessUsage(pid: number): ProcessUsage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!rss) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return { at: performance.now(), cpuSeconds: (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND, rssBytes: Number(rss[1]) * 1024 };
}

/** CPU use between two readings as a percentage of one core (200 = both cores of a 2-core machine). */
export function cpuPercentBetween(from: ProcessUsage, to: ProcessUsage): number {
  const seconds = (to.at - from.at) / 1000;
  return seconds > 0 ? ((to.cpuSeconds - from.cpuSeconds) / seconds) * 100 : Number.NaN;
}

/** The CPU time and resident memory of several processes added up (a cluster's instances), read at one moment. */
export function readGroupUsage(pids: readonly number[]): ProcessUsage {
  const readings = pids.map(readProcessUsage);
  return {
    at: performance.now(),
    cpuSeconds: readings.reduce((sum, reading) => sum + reading.cpuSeconds, 0),
    rssBytes: readings.reduce((sum, reading) => sum + reading.rssBytes, 0),
    cpuSecondsByProcess: readings.map((reading) => reading.cpuSeconds),
  };
}

/** Each process's CPU use between two readings of a group, % of one core, in the order of its pids; empty for one process. */
export function cpuPercentByProcessBetween(from: ProcessUsage, to: ProcessUsage): number[] {
  const seconds = (to.at - from.at) / 1000;
  const before = from.cpuSecondsByProcess ?? [];
  const after = to.cpuSecondsByProcess ?? [];
  if (!(seconds > 0) || before.length !== after.length) return [];
  return after.map((cpuSeconds, index) => ((cpuSeconds - before[index]) / seconds) * 100);
}

/**
 * Reads a process's usage (or the sum over several, e.g. a cluster's instances) at a fixed interval
 * until stopped; the series shows memory over time.
 */
export class UsageSampler {
  private readonly samples: ProcessUsage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly pids: readonly number[];

  constructor(
    pid: number | readonly number[],
    private readonly intervalMs = 500,
  ) {
    this.pids = typeof pid === 'number' ? [pid] : pid;
  }

  /** Takes a first reading now and then one per interval. */
  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Takes one reading now (also used to mark the edges of a measurement window). */
  sample(): ProcessUsage {
    const usage = this.pids.length === 1 ? readProcessUsage(this.pids[0]) : readGroupUsage(this.pids);
    this.samples.push(usage);
    return usage;
  }

  /** Stops sampling and returns every reading taken. */
  stop(): ProcessUsage[] {
    clearInterval(this.timer);
    return [...this.samples];
  }

  /** Readings taken so far. */
  get readings(): readonly ProcessUsage[] {
    return this.samples;
  }
}
