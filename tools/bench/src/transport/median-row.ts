import { figure, INFO, ratio, verdict, type ReportRow } from './report-cells';
import type { TargetName } from './transport-target';

const TARGETS: readonly TargetName[] = ['TnT', 'raw ws', 'Socket.IO'];

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** True when both TnT and raw ws have a median to compare. */
export function tntAndRawMeasured(medians: Record<TargetName, number>): boolean {
  return !Number.isNaN(medians.TnT) && !Number.isNaN(medians['raw ws']);
}

/**
 * A row of each target's median over its rounds (a scenario run several times), each round's value in brackets,
 * with ratios of the medians.
 */
export function medianRow<Result extends { readonly target: TargetName }>(
  measure: string,
  results: readonly Result[],
  pick: (result: Result) => number,
  bar: string,
  met: (medians: Record<TargetName, number>) => boolean | undefined,
): ReportRow {
  const values = Object.fromEntries(
    TARGETS.map((target) => [target, results.filter((result) => result.target === target).map(pick)]),
  ) as Record<TargetName, number[]>;
  const medians = Object.fromEntries(TARGETS.map((target) => [target, median(values[target])])) as Record<TargetName, number>;
  const cell = (target: TargetName) =>
    values[target].length === 0
      ? '—'
      : values[target].length === 1
        ? figure(medians[target])
        : `${figure(medians[target])} (${values[target].map(figure).join(', ')})`;
  const outcome = met(medians);
  return [
    measure,
    cell('TnT'),
    cell('raw ws'),
    cell('Socket.IO'),
    ratio(medians.TnT, medians['raw ws']),
    ratio(medians.TnT, medians['Socket.IO']),
    bar,
    outcome === undefined ? INFO : verdict(outcome),
  ];
}
