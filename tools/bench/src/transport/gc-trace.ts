import { readFileSync } from 'node:fs';

/** Garbage-collection pauses of one kind, from `node --trace-gc` output. */
export interface GcPauses {
  readonly kind: string;
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

/**
 * Sums the pauses `--trace-gc` printed, by kind (Scavenge, Mark-Compact, …). A line reads like
 * `[31894:0x…]  1234 ms: Mark-Compact 150.2 (160.1) -> 120.3 (161.0) MB, 45.61 / 0.30 ms  (…)`;
 * the first figure after `MB,` is the pause on the main thread. Collections forced from outside
 * (`low memory notification`: the benchmark settling the heap before reading memory) are left out.
 */
export function summariseGcTrace(text: string): GcPauses[] {
  const byKind = new Map<string, { count: number; totalMs: number; maxMs: number }>();
  const natural = text
    .split('\n')
    .filter((line) => !line.includes('low memory notification'))
    .join('\n');
  for (const match of natural.matchAll(/\d+ ms: ([A-Za-z-]+(?: \(reduce\))?) [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, ([\d.]+)/g)) {
    const kind = match[1];
    const pauseMs = Number(match[2]);
    const entry = byKind.get(kind) ?? { count: 0, totalMs: 0, maxMs: 0 };
    entry.count++;
    entry.totalMs += pauseMs;
    entry.maxMs = Math.max(entry.maxMs, pauseMs);
    byKind.set(kind, entry);
  }
  return [...byKind.entries()].map(([kind, entry]) => ({
    kind,
    count: entry.count,
    totalMs: Math.round(entry.totalMs),
    maxMs: Math.round(entry.maxMs * 10) / 10,
  }));
}

/** {@link summariseGcTrace} of a file. */
export function summariseGcTraceFile(path: string): GcPauses[] {
  return summariseGcTrace(readFileSync(path, 'utf8'));
}
