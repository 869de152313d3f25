/** The bar of issue 15: all modules on may add at most this much to the contact centre's p99. */
export const P99_ADDED_BAR_MS = 2;

/** Whether the modules were on or off in a round. */
export type ModulesMode = 'on' | 'off';

/** What one round of the contact-centre scenario measured. */
export interface OnOffRound {
  readonly mode: ModulesMode;
  /** Publish → receive at the clients, ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Transcript deliveries measured in the window. */
  readonly deliveries: number;
  readonly lost: number;
  readonly duplicates: number;
}

/** One mode over its rounds: median p50 and p99 across rounds, loss and duplicates summed. */
export interface ModeSummary {
  readonly rounds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p99sMs: readonly number[];
  readonly deliveries: number;
  readonly lost: number;
  readonly duplicates: number;
}

/** Both modes and the verdict on the bar. */
export interface OnOffComparison {
  readonly off: ModeSummary;
  readonly on: ModeSummary;
  /** Median p99 on minus median p99 off, ms (negative: on was faster, i.e. noise). */
  readonly p99AddedMs: number;
  readonly barMet: boolean;
}

/** The median of `values` (mean of the middle two for an even count); NaN for none. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summariseMode(rounds: readonly OnOffRound[]): ModeSummary {
  return {
    rounds: rounds.length,
    p50Ms: medianOf(rounds.map((round) => round.p50Ms)),
    p99Ms: medianOf(rounds.map((round) => round.p99Ms)),
    p99sMs: rounds.map((round) => round.p99Ms),
    deliveries: rounds.reduce((sum, round) => sum + round.deliveries, 0),
    lost: rounds.reduce((sum, round) => sum + round.lost, 0),
    duplicates: rounds.reduce((sum, round) => sum + round.duplicates, 0),
  };
}

/**
 * Compares the rounds with modules on against those with them off by their median p99; the bar is
 * missed too when either mode lost or duplicated an event, or when a mode has no round.
 */
export function compareOnOff(rounds: readonly OnOffRound[], barMs = P99_ADDED_BAR_MS): OnOffComparison {
  const off = summariseMode(rounds.filter((round) => round.mode === 'off'));
  const on = summariseMode(rounds.filter((round) => round.mode === 'on'));
  const p99AddedMs = on.p99Ms - off.p99Ms;
  const clean = on.lost + on.duplicates + off.lost + off.duplicates === 0;
  return { off, on, p99AddedMs, barMet: clean && !Number.isNaN(p99AddedMs) && p99AddedMs <= barMs };
}

/** The modes to run in order: off, on, off, on … so both see the same drift of the machine's load. */
export function alternatingModes(roundsPerMode: number): ModulesMode[] {
  return Array.from({ length: roundsPerMode * 2 }, (_, index) => (index % 2 === 0 ? 'off' : 'on'));
}
