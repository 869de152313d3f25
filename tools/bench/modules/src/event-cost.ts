/** Per-event cost of one kind of segment (interim or final) through one pipeline, in microseconds. */
export interface EventCostSummary {
  readonly count: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly meanUs: number;
}

const NANOSECONDS_PER_MICROSECOND = 1000;

/** Rounds to one decimal (a tenth of a µs is well below what a loaded machine repeats). */
const tenth = (value: number): number => Math.round(value * 10) / 10;

/**
 * Summarises `process.hrtime.bigint()` differences (nanoseconds) by nearest rank: p50, p99, max
 * and mean in µs; every figure is NaN when there is no sample.
 */
export function summariseEventCosts(nanoseconds: readonly bigint[]): EventCostSummary {
  if (nanoseconds.length === 0) return { count: 0, p50Us: Number.NaN, p99Us: Number.NaN, maxUs: Number.NaN, meanUs: Number.NaN };
  const sorted = nanoseconds.map(Number).sort((left, right) => left - right);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50Us: tenth(rank(50) / NANOSECONDS_PER_MICROSECOND),
    p99Us: tenth(rank(99) / NANOSECONDS_PER_MICROSECOND),
    maxUs: tenth(sorted[sorted.length - 1] / NANOSECONDS_PER_MICROSECOND),
    meanUs: tenth(total / sorted.length / NANOSECONDS_PER_MICROSECOND),
  };
}

/** One row of the hot-path table: a pipeline configuration and its cost per interim and per final. */
export interface PipelineCostRow {
  readonly pipeline: string;
  readonly interims: EventCostSummary;
  readonly finals: EventCostSummary;
  /** Insights the processors raised while being measured (proof that they did their work). */
  readonly insights: number;
  /** Segments whose text came out with a placeholder such as `[CARD]`. */
  readonly redactedSegments: number;
}

const cell = (value: number): string => (Number.isNaN(value) ? '—' : value.toFixed(1));

/** The hot-path rows as a Markdown table. */
export function eventCostTable(rows: readonly PipelineCostRow[]): string {
  const lines = [
    '| pipeline | interim p50 µs | interim p99 µs | final p50 µs | final p99 µs | samples (interim / final) | insights | ' +
      'redacted segments |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.pipeline} | ${cell(row.interims.p50Us)} | ${cell(row.interims.p99Us)} | ${cell(row.finals.p50Us)} | ` +
        `${cell(row.finals.p99Us)} | ${row.interims.count} / ${row.finals.count} | ${row.insights} | ${row.redactedSegments} |`,
    ),
  ];
  return lines.join('\n');
}
