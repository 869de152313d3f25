import type { BenchReport } from '../support/report';
import type { InstanceFigures } from './instance-sampler';
import { STARVED_LAG_MS, type OfferedLoadOutcome } from './offered-load';

/** The bar for accepted calls: finals within this of the end of their utterance at p95. */
export const FINAL_P95_BAR_MS = 1500;

/** How a run was set up, for the notes. */
export interface OverloadSetup {
  readonly instances: number;
  readonly lines: number;
  readonly windowSeconds: number;
  readonly baselineWindowSeconds: number;
  readonly redialAfterRefusalMs: number;
  /** `--instance-env` settings, as given. */
  readonly instanceEnv: Readonly<Record<string, string>>;
  /** `postgres://host…` and `redis://…` of a cluster run (credentials left out). */
  readonly services?: string;
  readonly loadAtStart: string;
  readonly loadAtEnd: string;
}

const NA = 'n/a';
type Row = (string | number)[];

/** One row: the measure, the refusing run's figure, the baseline's (or n/a), the bar, the verdict. */
function row(
  measure: string,
  figure: (outcome: OfferedLoadOutcome) => string | number,
  refusing: OfferedLoadOutcome,
  baseline: OfferedLoadOutcome | null,
  bar = '—',
  verdict = 'measured',
): Row {
  return [measure, figure(refusing), baseline ? figure(baseline) : NA, bar, verdict];
}

function sharedRows(refusing: OfferedLoadOutcome, baseline: OfferedLoadOutcome | null): Row[] {
  return [
    row('final latency of accepted calls, p50 (ms)', (outcome) => outcome.finalLatencyP50, refusing, baseline),
    row(
      'final latency of accepted calls, p95 (ms)',
      (outcome) => outcome.finalLatencyP95,
      refusing,
      baseline,
      `≤ ${FINAL_P95_BAR_MS}`,
      refusing.finalLatencyP95 <= FINAL_P95_BAR_MS ? 'met' : 'missed',
    ),
    row('final latency, worst (ms)', (outcome) => outcome.finalLatencyMax, refusing, baseline),
    row('accepted calls starved', (outcome) => outcome.starved, refusing, baseline, '0', refusing.starved === 0 ? 'met' : 'missed'),
    row(`accepted calls with their own p95 over ${FINAL_P95_BAR_MS} ms`, (outcome) => outcome.callsOverBar, refusing, baseline),
    row('calls failed while streaming (not refusals)', (outcome) => outcome.failedWhileStreaming, refusing, baseline),
  ];
}

function instanceRows(label: string, index: number, refusing: OfferedLoadOutcome, baseline: OfferedLoadOutcome | null): Row[] {
  const of = (pick: (figures: InstanceFigures) => string | number) => (outcome: OfferedLoadOutcome) => {
    const figures = outcome.instances[index];
    return figures ? pick(figures) : NA;
  };
  return [
    row(
      `${label}calls in progress, mean / most`,
      of((figures) => `${figures.activeCallsMean.toFixed(1)} / ${figures.activeCallsMax}`),
      refusing,
      baseline,
    ),
    row(
      `${label}share of seconds /readyz answered 503`,
      of((figures) => figures.notReadyShare),
      refusing,
      baseline,
    ),
    // A read not answered within 0.9 s is left out of the figures above: an instance too busy to answer is itself a finding.
    row(
      `${label}seconds read / reads not answered in time`,
      of((figures) => `${figures.samples} / ${figures.failedSamples}`),
      refusing,
      baseline,
    ),
    row(
      `${label}most decoding backlog seen (s)`,
      of((figures) => figures.backlogMaxSeconds),
      refusing,
      baseline,
    ),
    row(
      `${label}most decoding load seen (tnt_stt_load)`,
      of((figures) => figures.loadMax),
      refusing,
      baseline,
    ),
    row(
      `${label}real-time factor per stream, last read`,
      of((figures) => figures.realTimeFactorLast),
      refusing,
      baseline,
    ),
  ];
}

function commonNotes(setup: OverloadSetup): string[] {
  const passed = Object.entries(setup.instanceEnv).map(([key, value]) => `${key}=${value}`);
  return [
    'Capacity is what each instance measures (decoding backlog and real-time factor), with the default limits ' +
      '(TNT_CAPACITY_MAX_LOAD 0.85, TNT_CAPACITY_MAX_BACKLOG_MS 1000, TNT_CAPACITY_WINDOW_MS 5000)' +
      (passed.length > 0 ? `; every gateway also got ${passed.join(', ')} (--instance-env).` : '.'),
    `Latency: end of an utterance in the audio → its final at a UI client, over every final of every accepted call. ` +
      `Starved: an accepted call with no final, one later than ${STARVED_LAG_MS} ms, or a transcript that never ended.`,
    `Load average (1, 5, 15 min) at the start ${setup.loadAtStart}, at the end ${setup.loadAtEnd}; the machine is shared with other work.`,
  ];
}

/** The single-instance report (`overload`): one gateway, calls straight to it, refusing against the baseline. */
export function singleInstanceReport(setup: OverloadSetup, refusing: OfferedLoadOutcome, baseline: OfferedLoadOutcome | null): BenchReport {
  return {
    name: 'overload',
    title: 'Overload: one instance offered about twice its speech capacity (pocketsphinx en-us, real gateway)',
    notes: [
      `${setup.lines} lines of fixture conversations streamed at real time through /ingest/l16 for ${setup.windowSeconds} s; ` +
        `lines start spread over one conversation, and each redials when its call ends, or ${setup.redialAfterRefusalMs / 1000} s ` +
        'after a refusal.',
      ...commonNotes(setup),
      baseline
        ? `Baseline in the same run: the same load for ${setup.baselineWindowSeconds} s on a fresh instance with ` +
          'TNT_CAPACITY_REFUSE_CALLS=0 (every call taken).'
        : 'No baseline in this run.',
    ],
    columns: ['measure', 'refusing at capacity', 'baseline: every call taken', 'bar', 'verdict'],
    rows: [
      row('calls offered', (outcome) => outcome.offered, refusing, baseline, '≈ 2× capacity'),
      row(
        'calls accepted / refused',
        (outcome) => `${outcome.accepted} / ${outcome.refusedAtCapacity}`,
        refusing,
        baseline,
        'refused with 1013',
        refusing.refusedAtCapacity > 0 ? 'met' : 'missed',
      ),
      ...sharedRows(refusing, baseline),
      ...instanceRows('', 0, refusing, baseline),
    ],
    details: { setup, refusing, baseline },
  };
}

/** The cluster report (`overload-cluster`): N instances behind HAProxy offered the same load. */
export function clusterReport(setup: OverloadSetup, refusing: OfferedLoadOutcome, baseline: OfferedLoadOutcome | null): BenchReport {
  const carried = refusing.accepted === refusing.offered;
  return {
    name: 'overload-cluster',
    title:
      `Overload across ${setup.instances} instances behind HAProxy: the load one instance was offered ` +
      '(pocketsphinx en-us, real gateways)',
    notes: [
      `${setup.instances} built gateways (TNT_ENGINE=pocketsphinx, TNT_STORE=postgres, TNT_BUS=redis, a fresh schema and key ` +
        `prefix dropped after the run${setup.services ? `, ${setup.services}` : ''}) behind HAProxy, which checks /readyz as ` +
        'docs/haproxy.cfg does (inter 2 s, fall 3, rise 2, timeout 1.5 s) and places each call round robin over the instances in rotation.',
      `${setup.lines} lines of fixture conversations streamed at real time through HAProxy to /ingest/l16 for ${setup.windowSeconds} s; ` +
        `lines start spread over one conversation, and each redials when its call ends, or ${setup.redialAfterRefusalMs / 1000} s ` +
        'after a refusal of either kind. Offered counts dial attempts: a would-be call refused and redialed counts once per ' +
        'attempt, so "carried in full" (accepted = offered) means no attempt was refused. The offered concurrency is the ' +
        'number of lines; what was carried is the calls in progress summed over the instances.',
      'Two ways to be refused: an instance at capacity closes the call with 1013 INGEST_AT_CAPACITY (HAProxy placed it there ' +
        'before three failed checks took the instance out of rotation; a 1013 comes after the upgrade, so HAProxy does not ' +
        'try another instance); with every instance out of rotation HAProxy itself answers the upgrade with HTTP 503.',
      `On this machine the ${setup.instances} instances share the same 2 cores (with HAProxy, PostgreSQL, Redis and the ` +
        'simulator): the total speech capacity does not grow with the number of instances — each one measures its own ' +
        'real-time factor, which rises as its neighbours decode. This measures placement and refusal across instances, not ' +
        'scaling; "carried in full" is the issue\'s bar for instances with cores of their own, and cannot be met by sharing two.',
      ...commonNotes(setup),
      // Instances are read directly, so a not-ready share is the instance's own, whatever HAProxy's checks made of it.
      'Per instance: read each second from its own /readyz and /metrics, not through HAProxy.',
      baseline
        ? `Baseline in the same run: the same load for ${setup.baselineWindowSeconds} s on a fresh cluster with ` +
          'TNT_CAPACITY_REFUSE_CALLS=0 (every call taken).'
        : 'No baseline in this run.',
    ],
    columns: ['measure', `${setup.instances} instances, refusing at capacity`, 'baseline: every call taken', 'bar', 'verdict'],
    rows: [
      row('calls offered', (outcome) => outcome.offered, refusing, baseline, '≈ 2× one instance'),
      row('calls accepted', (outcome) => outcome.accepted, refusing, baseline),
      row(
        `calls in progress over all instances, mean (of ${setup.lines} lines)`,
        // The mean of the sum is the sum of the means: every instance is read each second.
        (outcome) => outcome.instances.reduce((sum, figures) => sum + figures.activeCallsMean, 0).toFixed(1),
        refusing,
        baseline,
        `${setup.lines}`,
        'measured',
      ),
      row(
        'calls refused by an instance (1013) / by HAProxy (HTTP 503)',
        (outcome) => `${outcome.refusedAtCapacity} / ${outcome.refusedByBalancer}`,
        refusing,
        baseline,
      ),
      row(
        'carried in full (every call offered accepted)',
        (outcome) => (outcome.accepted === outcome.offered ? 'yes' : `no: ${outcome.accepted} of ${outcome.offered}`),
        refusing,
        baseline,
        'accepted = offered',
        carried ? 'met' : 'missed',
      ),
      ...sharedRows(refusing, baseline),
      ...refusing.instances.flatMap((_, index) => instanceRows(`instance ${index}: `, index, refusing, baseline)),
    ],
    details: { setup, refusing, baseline },
  };
}
