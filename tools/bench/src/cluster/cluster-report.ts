import type { BenchReport } from '../support/report';
import { percentile } from '../support/percentile';
import type { ContactCentreResult } from '../transport/contact-centre';
import { figure, verdict } from '../transport/report-cells';
import type { SaturationResult } from '../transport/saturation';
import type { BusFigures } from './bus-figures';
import type { FailoverResult } from './failover';

/** Scenario 1 on one side, without the target name the transport benchmark gives it. */
export type ContactOutcome = Omit<ContactCentreResult, 'target'>;
/** Scenario 2 on one side. */
export type SaturationOutcome = Omit<SaturationResult, 'target'>;

/** Everything one run of the cluster benchmark measured. */
export interface ClusterMeasurements {
  readonly contact?: {
    readonly cluster: readonly ContactOutcome[];
    readonly single: readonly ContactOutcome[];
    /**
     * With `--direct`: the cluster again, its UI clients straight to the instances (HAProxy off the
     * event path), each with the single instance of its round.
     */
    readonly direct?: readonly { readonly run: ContactOutcome; readonly single: ContactOutcome }[];
  };
  readonly saturation?: { readonly cluster: SaturationOutcome; readonly single: SaturationOutcome };
  readonly failover?: FailoverResult;
  readonly bus?: BusFigures;
  /** Scenarios (or sides of one) that failed, with why; their figures are missing from the table. */
  readonly failures: readonly string[];
  readonly notes: readonly string[];
  readonly durationSeconds: number;
}

/** The issue's bars. */
export const BARS = {
  addedP50Ms: 2,
  addedP99Ms: 10,
  p99Ms: 50,
  saturationShare: 0.8,
  resumeP99Ms: 2000,
  /** `ended` on every instance within the lease plus this. */
  endedAfterLeaseMs: 5000,
} as const;

export const CLUSTER_COLUMNS = ['measure', '3 instances behind HAProxy', '1 instance (SQLite, direct)', 'bar', 'verdict'];

type Row = readonly [string, string, string, string, string];

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function contactRows(contact: NonNullable<ClusterMeasurements['contact']>): Row[] {
  const lost = (runs: readonly ContactOutcome[]) => sum(runs.map((run) => run.run.delivery.lost));
  const duplicated = (runs: readonly ContactOutcome[]) => sum(runs.map((run) => run.run.delivery.duplicates));
  const expected = (runs: readonly ContactOutcome[]) => sum(runs.map((run) => run.run.delivery.expected));
  const unseenEnds = (runs: readonly ContactOutcome[]) => sum(runs.map((run) => run.run.delivery.unseenEnds));
  const of = (runs: readonly ContactOutcome[], pick: (run: ContactOutcome) => number) => median(runs.map(pick));
  const p50 = (runs: readonly ContactOutcome[]) => of(runs, (run) => run.run.latency.p50);
  const p99 = (runs: readonly ContactOutcome[]) => of(runs, (run) => run.run.latency.p99);
  // Added latency per round (each round ran both sides back to back), then the median over rounds.
  const added = (pick: (run: ContactOutcome) => number) =>
    median(contact.cluster.map((run, index) => pick(run) - (contact.single[index] ? pick(contact.single[index]) : Number.NaN)));
  const addedP50 = added((run) => run.run.latency.p50);
  const addedP99 = added((run) => run.run.latency.p99);
  const rounds = contact.cluster.length;
  return [
    [
      'contact centre: events lost (of expected, by seq, all rounds)',
      `${lost(contact.cluster)} of ${expected(contact.cluster)}`,
      `${lost(contact.single)} of ${expected(contact.single)}`,
      '0',
      verdict(lost(contact.cluster) === 0 && unseenEnds(contact.cluster) === 0),
    ],
    [
      'contact centre: events duplicated',
      String(duplicated(contact.cluster)),
      String(duplicated(contact.single)),
      '0',
      verdict(duplicated(contact.cluster) === 0),
    ],
    [
      `contact centre: p50 publish → receive (ms), median of ${rounds} rounds`,
      figure(p50(contact.cluster)),
      figure(p50(contact.single)),
      `added ≤ ${BARS.addedP50Ms} ms`,
      `${verdict(addedP50 <= BARS.addedP50Ms)} (added ${figure(addedP50)})`,
    ],
    [
      `contact centre: p99 publish → receive (ms), median of ${rounds} rounds`,
      figure(p99(contact.cluster)),
      figure(p99(contact.single)),
      `added ≤ ${BARS.addedP99Ms} ms and ≤ ${BARS.p99Ms} ms`,
      `${verdict(addedP99 <= BARS.addedP99Ms && p99(contact.cluster) <= BARS.p99Ms)} (added ${figure(addedP99)})`,
    ],
    [
      'contact centre: p99.9 publish → receive (ms)',
      figure(of(contact.cluster, (run) => run.run.latency.p999)),
      figure(of(contact.single, (run) => run.run.latency.p999)),
      '—',
      'info',
    ],
    [
      'contact centre: deliveries/s',
      figure(of(contact.cluster, (run) => run.run.window.deliveriesPerSecond)),
      figure(of(contact.single, (run) => run.run.window.deliveriesPerSecond)),
      '—',
      'info',
    ],
    [
      'contact centre: gateway CPU, % of one core (cluster: 3 instances + HAProxy; PostgreSQL, Redis not counted)',
      figure(of(contact.cluster, (run) => run.run.server.cpuPercent)),
      figure(of(contact.single, (run) => run.run.server.cpuPercent)),
      '—',
      'info',
    ],
    [
      'contact centre: cluster CPU by process, % of one core (instances, then HAProxy)',
      of(contact.cluster, (run) => run.run.server.cpuPercentByProcess.length) > 0
        ? byProcess(contact.cluster.map((run) => run.run.server.cpuPercentByProcess))
        : '—',
      '—',
      '—',
      'info',
    ],
    ...(contact.direct && contact.direct.length > 0 ? directRows(contact.direct) : []),
    [
      'contact centre: gateway RSS max (MB, summed over the processes)',
      figure(of(contact.cluster, (run) => run.run.server.rssMbMax)),
      figure(of(contact.single, (run) => run.run.server.rssMbMax)),
      '—',
      'info',
    ],
    [
      'contact centre: connect → connected p99 (ms)',
      figure(of(contact.cluster, (run) => run.opening.setup.p99)),
      figure(of(contact.single, (run) => run.opening.setup.p99)),
      '—',
      'info',
    ],
  ];
}

/** Each process's CPU, median over rounds: `a / b / c, HAProxy d`. */
function byProcess(rounds: readonly (readonly number[])[]): string {
  const processes = Math.min(...rounds.map((round) => round.length));
  const medians = Array.from({ length: processes }, (_, index) => figure(median(rounds.map((round) => round[index]))));
  return `${medians.slice(0, -1).join(' / ')}, HAProxy ${medians.at(-1)}`;
}

/**
 * The same cluster with its UI clients connected straight to the instances (ingest still through
 * HAProxy): what is left of the added latency without the load balancer relaying every event frame.
 */
function directRows(rounds: NonNullable<NonNullable<ClusterMeasurements['contact']>['direct']>): Row[] {
  const direct = rounds.map((round) => round.run);
  const addedOver = (pick: (run: ContactOutcome) => number) => median(rounds.map((round) => pick(round.run) - pick(round.single)));
  const p50 = median(direct.map((run) => run.run.latency.p50));
  const p99 = median(direct.map((run) => run.run.latency.p99));
  const lost = sum(direct.map((run) => run.run.delivery.lost + run.run.delivery.duplicates));
  return [
    [
      'contact centre, UI clients straight to the instances (no HAProxy on the event path): p50 / p99 (ms)',
      `${figure(p50)} / ${figure(p99)}`,
      '—',
      `added ≤ ${BARS.addedP50Ms} / ≤ ${BARS.addedP99Ms} ms`,
      `info (added ${figure(addedOver((run) => run.run.latency.p50))} / ${figure(addedOver((run) => run.run.latency.p99))}; ` +
        `lost + duplicated ${lost})`,
    ],
    [
      'contact centre, UI clients straight to the instances: CPU, % of one core (3 instances + HAProxy, by process)',
      `${figure(median(direct.map((run) => run.run.server.cpuPercent)))} ` +
        `(${byProcess(direct.map((run) => run.run.server.cpuPercentByProcess))})`,
      '—',
      '—',
      'info',
    ],
  ];
}

function saturationRows(saturation: NonNullable<ClusterMeasurements['saturation']>): Row[] {
  const best = (outcome: SaturationOutcome) => outcome.best?.deliveredPerSecond;
  const cluster = best(saturation.cluster);
  const single = best(saturation.single);
  const share = cluster !== undefined && single !== undefined && single > 0 ? cluster / single : undefined;
  const cpu = (outcome: SaturationOutcome) => outcome.best?.serverCpuPercent;
  return [
    [
      'saturation: most deliveries/s with p99 ≤ 100 ms, 1,000 subscribers on * (overhead on the same 2 cores, not scaling)',
      figure(cluster),
      figure(single),
      `≥ ${BARS.saturationShare} × 1 instance`,
      `${verdict(share === undefined ? undefined : share >= BARS.saturationShare)} (${share === undefined ? '—' : share.toFixed(2)}×)`,
    ],
    [
      'saturation: events/s at that step; gateway CPU (% of one core)',
      `${figure(saturation.cluster.best?.offeredEventsPerSecond)}; ${figure(cpu(saturation.cluster))}`,
      `${figure(saturation.single.best?.offeredEventsPerSecond)}; ${figure(cpu(saturation.single))}`,
      '—',
      'info',
    ],
  ];
}

function failoverRows(failover: FailoverResult): Row[] {
  const { nonOwnerKilled, ownerKilled, plan } = failover;
  const endedBar = plan.leaseMs + BARS.endedAfterLeaseMs;
  const endedValues = Object.values(ownerKilled.endedMsByInstance);
  const endedWorst = endedValues.some((value) => value === null) ? undefined : Math.max(...(endedValues as number[]));
  const resumeRow = (what: string, outcome: FailoverResult['nonOwnerKilled']): Row => {
    const p99 = percentile(outcome.resumeMs, 99);
    return [
      `${what}: its clients resumed through HAProxy and caught up, kill → caught up p50 / p99 (ms)`,
      `${figure(percentile(outcome.resumeMs, 50))} / ${figure(p99)} (${outcome.resumeMs.length} of ${outcome.clientsLost} clients; ` +
        `connected p50 / p99 ${figure(percentile(outcome.connectedMs, 50))} / ${figure(percentile(outcome.connectedMs, 99))}, ` +
        `subscribed ${figure(percentile(outcome.subscribedMs, 50))} / ${figure(percentile(outcome.subscribedMs, 99))}; ` +
        `${outcome.notRecovered} answered recovered: false)`,
      '—',
      `p99 ≤ ${BARS.resumeP99Ms} ms`,
      verdict(outcome.clientsLost > 0 && outcome.notCaughtUp === 0 && p99 <= BARS.resumeP99Ms),
    ];
  };
  return [
    resumeRow('instance killed (kill -9, owns no call)', nonOwnerKilled),
    resumeRow('owner killed (kill -9)', ownerKilled),
    [
      `owner killed (kill -9): every call's \`ended\` seen on every other instance, worst (ms; lease ${plan.leaseMs} ms)`,
      `${figure(endedWorst)} (${Object.entries(ownerKilled.endedMsByInstance)
        .map(([instance, ms]) => `${instance}: ${figure(ms ?? undefined)}`)
        .join(', ')}; reasons ${JSON.stringify(ownerKilled.endReasons)})`,
      '—',
      `≤ lease + 5 s = ${endedBar} ms`,
      verdict(endedWorst !== undefined && endedWorst <= endedBar),
    ],
    [
      'failover: events lost / duplicated over both kills (every client, by seq)',
      `${failover.delivery.lost} / ${failover.delivery.duplicates} of ${failover.delivery.expected}`,
      '—',
      '0 / 0',
      verdict(failover.delivery.lost === 0 && failover.delivery.duplicates === 0 && failover.delivery.expected > 0),
    ],
  ];
}

function busRows(bus: BusFigures): Row[] {
  return bus.rows.map(([measure, value, bar, met]): Row => [`bus: ${measure}`, value, '—', bar || '—', met || 'info']);
}

/** The benchmark's report: one table of every figure with its bar and verdict. */
export function clusterReport(measured: ClusterMeasurements): BenchReport {
  return {
    name: 'cluster',
    title: 'Cluster: 3 instances behind HAProxy on PostgreSQL + Redis against one instance, same run, same 2 cores',
    notes: [...measured.notes, ...(measured.bus?.notes.map((note) => `Bus benchmark: ${note}`) ?? [])],
    columns: CLUSTER_COLUMNS,
    rows: [
      ...(measured.contact ? contactRows(measured.contact) : []),
      ...(measured.saturation ? saturationRows(measured.saturation) : []),
      ...(measured.bus ? busRows(measured.bus) : []),
      ...(measured.failover ? failoverRows(measured.failover) : []),
      ...measured.failures.map((failure): Row => [`failed: ${failure}`, '—', '—', '—', 'not measured']),
    ],
    details: {
      durationSeconds: Math.round(measured.durationSeconds),
      saturationSteps: measured.saturation && {
        cluster: measured.saturation.cluster.steps,
        single: measured.saturation.single.steps,
      },
      failover: measured.failover,
      contactRounds: measured.contact && {
        cluster: measured.contact.cluster.map((run) => ({ latency: run.run.latency, delivery: run.run.delivery, server: run.run.server })),
        single: measured.contact.single.map((run) => ({ latency: run.run.latency, delivery: run.run.delivery, server: run.run.server })),
        direct: measured.contact.direct?.map(({ run }) => ({
          latency: run.run.latency,
          delivery: run.run.delivery,
          server: run.run.server,
        })),
      },
    },
  };
}
