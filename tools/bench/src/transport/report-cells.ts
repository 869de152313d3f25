import type { TargetName } from './transport-target';

/** One table row: measure, TnT, raw ws, Socket.IO, TnT/raw ws, TnT/Socket.IO, bar, verdict. */
export type ReportRow = readonly [string, string, string, string, string, string, string, string];

/** Info rows carry this instead of a verdict. */
export const INFO = 'info';

/** Column titles of the transport table. */
export const REPORT_COLUMNS = ['measure', 'TnT', 'raw ws', 'Socket.IO', 'TnT / raw ws', 'TnT / Socket.IO', 'bar', 'verdict'];

/** A verdict cell. */
export function verdict(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? 'met' : 'missed';
}

/** A figure with at most one decimal, or `—` when missing. */
export function figure(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return '> 120000';
  return String(Math.round(value * 10) / 10);
}

/** `left / right` with two decimals, or `—`. */
export function ratio(left: number | undefined, right: number | undefined): string {
  if (left === undefined || right === undefined || !(right > 0) || !Number.isFinite(left)) return '—';
  return (left / right).toFixed(2);
}

/** Picks each target's result from a scenario's results. */
export function perTarget<T extends { readonly target: TargetName }>(results: readonly T[]): Record<TargetName, T | undefined> {
  return {
    TnT: results.find((result) => result.target === 'TnT'),
    'raw ws': results.find((result) => result.target === 'raw ws'),
    'Socket.IO': results.find((result) => result.target === 'Socket.IO'),
  };
}

/** A row of one measure for the three targets, with both ratios. */
export function comparedRow(
  measure: string,
  values: Record<TargetName, number | undefined>,
  bar: string,
  met: boolean | undefined,
): ReportRow {
  return [
    measure,
    figure(values.TnT),
    figure(values['raw ws']),
    figure(values['Socket.IO']),
    ratio(values.TnT, values['raw ws']),
    ratio(values.TnT, values['Socket.IO']),
    bar,
    verdict(met),
  ];
}

/** A compared row that carries figures only, no bar to meet. */
export function infoRow(measure: string, values: Record<TargetName, number | undefined>, note = '—'): ReportRow {
  const [name, tnt, raw, socketIo, toRaw, toSocketIo] = comparedRow(measure, values, note, undefined);
  return [name, tnt, raw, socketIo, toRaw, toSocketIo, note, 'info'];
}

/** A row of text cells for the three targets, without ratios (counts, pairs of figures). */
export function textRow(measure: string, cells: Record<TargetName, string | undefined>, bar: string, outcome: string): ReportRow {
  return [measure, cells.TnT ?? '—', cells['raw ws'] ?? '—', cells['Socket.IO'] ?? '—', '—', '—', bar, outcome];
}
