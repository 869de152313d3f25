import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from './bench-options';
import type { FleetReport } from './fleet-protocol';
import type { LatencySummary } from './latency-summary';
import type { PublishOutcome } from './segment-publishers';
import type { StoreAloneOutcome } from './store-alone';

/** One measured window of the gateway with fan-out. */
export interface GatewayRun {
  readonly mode: 'sustained' | 'saturation';
  readonly round: number;
  readonly store: 'memory' | 'sqlite';
  readonly publish: PublishOutcome;
  /** Deliveries the fan-out owed: published × (supervisors + 1 agent). */
  readonly expectedDeliveries: number;
  readonly clients: FleetReport;
}

/** Everything the benchmark measured, as printed in JSON. */
export interface PersistenceReport {
  readonly name: 'persistence';
  readonly measuredAt: string;
  readonly machine: { cpus: number; model: string; memoryGiB: number; node: string };
  readonly method: readonly string[];
  readonly options: BenchOptions;
  readonly storeAlone: readonly StoreAloneOutcome[];
  readonly gateway: readonly GatewayRun[];
  readonly verdict: {
    readonly bar: number;
    /** Lowest rate SQLite sustained over the rounds (handed over on schedule and all delivered). */
    readonly sqliteSustainedPerSecond: number;
    readonly meetsBar: boolean;
    /** Median over rounds of (SQLite p99 − memory p99) of publish → receive, ms. */
    readonly addedP99Ms: number;
    readonly sqliteSaturationPerSecond: number;
    readonly memorySaturationPerSecond: number;
  };
}

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (cores: number) => `${Math.round(cores * 100)} %`;
const latencyCells = (latency: LatencySummary) => [ms(latency.p50), ms(latency.p99), ms(latency.p999), ms(latency.max)];
const tableRow = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

/** The report as Markdown: method, then one table per measurement, then the verdict. */
export function toMarkdown(report: PersistenceReport): string {
  const sustained = report.gateway.filter((run) => run.mode === 'sustained');
  const saturation = report.gateway.filter((run) => run.mode === 'saturation');
  const { options, verdict } = report;
  const lines = [
    `### Persistence benchmark (${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node})`,
    '',
    ...report.method.map((line) => `- ${line}`),
    '',
    '**Store alone** (no gateway): one `append` per final segment',
    '',
    '| store | finals/s | append p50 ms | append p99 ms | append p99.9 ms | append max ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.storeAlone.map((run) => `| ${run.store} | ${count(run.perSecond)} | ${latencyCells(run.append).join(' | ')} |`),
    '',
    `**Sustained ${count(options.rate)} finals/s through the gateway**, fan-out to ${options.supervisors} supervisor(s) + ` +
      `${options.calls} agent sockets, ${options.seconds} s windows; latency = publish → receive at the clients`,
    '',
    '| round | store | finals/s handed over | gateway CPU | loop delay p99 ms | lateness p99 ms | delivered / owed | gaps + dups | ' +
      'p50 ms | p99 ms | p99.9 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...sustained.map((run) =>
      tableRow([
        run.round,
        run.store,
        count(run.publish.perSecond),
        percent(run.publish.cpuCores),
        ms(run.publish.eventLoopDelay.p99),
        ms(run.publish.lateness?.p99 ?? Number.NaN),
        `${count(run.clients.received)} / ${count(run.expectedDeliveries)}`,
        run.clients.gaps + run.clients.duplicates,
        ...latencyCells(run.clients.latency),
      ]),
    ),
    '',
    `**Saturation**: finals handed over as fast as the gateway takes them, same fan-out, ${options.seconds} s`,
    '',
    '| store | finals/s | gateway CPU | delivered / owed | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...saturation.map((run) =>
      tableRow([
        run.store,
        count(run.publish.perSecond),
        percent(run.publish.cpuCores),
        `${count(run.clients.received)} / ${count(run.expectedDeliveries)}`,
        ms(run.clients.latency.p50),
        ms(run.clients.latency.p99),
      ]),
    ),
    '',
    `**Verdict**: SQLite sustained ${count(verdict.sqliteSustainedPerSecond)} finals/s with fan-out ` +
      `(bar ${count(verdict.bar)}: ${verdict.meetsBar ? 'met' : 'NOT met'}); ` +
      `persistence adds ${ms(verdict.addedP99Ms)} ms to the p99 publish → receive latency; ` +
      `saturation ${count(verdict.sqliteSaturationPerSecond)} finals/s with SQLite ` +
      `vs ${count(verdict.memorySaturationPerSecond)} in memory.`,
    '',
  ];
  return lines.join('\n');
}

/** The machine the figures belong to. */
export function machineSummary(): PersistenceReport['machine'] {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
  };
}

/** Prints JSON then Markdown, and writes both to `outDir`/persistence.{json,md}. */
export function publishReport(report: PersistenceReport, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'persistence.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'persistence.md'), toMarkdown(report));
  console.log(JSON.stringify(report, null, 2));
  console.log(`\n${toMarkdown(report)}`);
}
