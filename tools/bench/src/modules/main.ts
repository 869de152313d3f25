/**
 * Modules benchmark, part 2 (issue 15): the transport benchmark's contact-centre scenario on TnT's
 * built gateway with every transcript module on, then off, alternating in the same run. Events enter
 * through `/ingest/l16` and the scripted engine (a labelled simulation), so each transcript goes
 * through the real transcript pipeline before it is stored and sent; after each round the calls are
 * read back through the history API to count the insights and redactions the modules produced.
 *
 *   node tools/build/build-server.js
 *   node dist/server/tools/bench/src/modules/main.js [--rounds 3] [--quick] [--client-processes 2] [--warmup-s S] [--cpu-profile-dir DIR]
 *
 * `--warmup-s` sets how long the calls run before the measured window (default 2 s, 1 s with
 * `--quick`): a fresh gateway is still compiling the modules' code in its first seconds of calls.
 * The calls do not rotate, and a scripted conversation lasts ≈ 24 s at 5 events/s: past ≈ 8 s of
 * warm-up the calls start ending inside the measured window, which then carries less load.
 * `--cpu-profile-dir` writes a V8 CPU profile of each round's gateway (`node --cpu-prof`) into DIR and
 * prints each profile's hot spots (self time by function and by library).
 *
 * Part 1 (the per-event cost of each module) is tools/bench/modules; `npm run bench:modules` runs both.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';
import { summariseProfiles, type ProfileShare } from '../transport/profile-summary';
import { contactCentreConnections, runContactCentreOn } from '../transport/contact-centre';
import { transportPlans } from '../transport/scenario-plans';
import { TntTarget } from '../transport/tnt-target';
import { EvidenceReadingTarget } from './evidence-reading-target';
import { describeEvidence, type ModuleEvidence } from './module-evidence';
import { modulesEnv } from './modules-env';
import { alternatingModes, compareOnOff, P99_ADDED_BAR_MS, type ModeSummary, type OnOffRound } from './on-off-summary';
import { WebhookReceiver } from './webhook-receiver';

/** The header naming a webhook's event (libs/extensions/webhooks, `EVENT_HEADER`). */
const WEBHOOK_EVENT_HEADER = 'TnT-Event';

function options() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      quick: { type: 'boolean', default: false },
      'client-processes': { type: 'string', default: '2' },
      'cpu-profile-dir': { type: 'string' },
      'warmup-s': { type: 'string' },
    },
  });
  const rounds = Number(values.rounds);
  const clientProcesses = Number(values['client-processes']);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer (got ${values.rounds})`);
  if (!Number.isInteger(clientProcesses) || clientProcesses < 1)
    throw new Error(`--client-processes must be a positive integer (got ${values['client-processes']})`);
  const warmupS = values['warmup-s'] === undefined ? undefined : Number(values['warmup-s']);
  if (warmupS !== undefined && !(Number.isFinite(warmupS) && warmupS >= 0))
    throw new Error(`--warmup-s must be a number of seconds ≥ 0 (got ${values['warmup-s']})`);
  return { rounds, quick: values.quick === true, clientProcesses, cpuProfileDir: values['cpu-profile-dir'], warmupS };
}

/** Prints the hot spots of the CPU profiles the gateway wrote into `directory` (written when it stopped). */
function printProfiles(directory: string): void {
  for (const profile of summariseProfiles(directory)) {
    const shares = (list: readonly ProfileShare[]) =>
      list.map((share) => `  ${share.percent.toFixed(1).padStart(5)} %  ${share.name}`).join('\n');
    // The sampler runs on the wall clock: busy time includes time the thread was runnable but not running.
    console.log(`profile ${profile.file}: main thread busy (not idle) ${profile.sampledSeconds} s`);
    console.log(`by function (self):\n${shares(profile.topFunctions)}\nby area:\n${shares(profile.byArea)}`);
  }
}

interface MeasuredRound extends OnOffRound {
  /** The gateway process's CPU over the measured window, % of one core. */
  readonly gatewayCpuPercent: number;
  readonly evidence: ModuleEvidence;
  readonly webhooks: Readonly<Record<string, number>>;
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const { rounds, quick, clientProcesses, cpuProfileDir, warmupS } = options();
  const scenario = transportPlans(quick, clientProcesses).contact;
  // A longer warm-up lets the gateway's JIT finish compiling the modules' code before the measured window.
  const plan = warmupS === undefined ? scenario : { ...scenario, timing: { ...scenario.timing, warmupMs: Math.round(warmupS * 1000) } };
  const loadAtStart = loadAverage();
  const receiver = await WebhookReceiver.start(WEBHOOK_EVENT_HEADER);
  const measured: MeasuredRound[] = [];
  try {
    for (const [index, mode] of alternatingModes(rounds).entries()) {
      receiver.reset();
      const profileDir = cpuProfileDir ? join(cpuProfileDir, `round-${index + 1}-modules-${mode}`) : undefined;
      const gateway = await TntTarget.start({
        connections: contactCentreConnections(plan),
        gatewayEnv: modulesEnv(mode, receiver.url),
        cpuProfileDir: profileDir,
      });
      const target = new EvidenceReadingTarget(gateway);
      const { run } = await runContactCentreOn(target, plan);
      const evidence = target.evidence();
      const round: MeasuredRound = {
        mode,
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
        deliveries: run.latency.count,
        lost: run.delivery.lost,
        duplicates: run.delivery.duplicates,
        gatewayCpuPercent: run.server.cpuPercent,
        evidence,
        webhooks: Object.fromEntries(receiver.deliveries),
      };
      measured.push(round);
      const webhooks = Object.entries(round.webhooks).map(([event, count]) => `${event} ${count}`);
      console.log(
        `round ${index + 1} modules ${mode}: p50 ${round.p50Ms} ms, p99 ${round.p99Ms} ms, ${round.deliveries} deliveries, ` +
          `lost ${round.lost}, duplicated ${round.duplicates}, gateway CPU ${round.gatewayCpuPercent} % of a core; ` +
          `${describeEvidence(evidence)}; ` +
          `webhooks ${webhooks.length > 0 ? webhooks.join(', ') : 'none'}; load ${loadAverage()}`,
      );
      if (profileDir) printProfiles(profileDir);
    }
  } finally {
    await receiver.stop();
  }
  const comparison = compareOnOff(measured);
  const modeRow = (label: 'off' | 'on', summary: ModeSummary) => [
    label,
    summary.rounds,
    summary.p50Ms,
    summary.p99Ms,
    summary.p99sMs.join(' / '),
    summary.deliveries,
    summary.lost,
    summary.duplicates,
    measured
      .filter((round) => round.mode === label)
      .map((round) => round.gatewayCpuPercent)
      .join(' / '),
  ];
  const evidenceOf = (mode: 'on' | 'off') =>
    measured
      .filter((round) => round.mode === mode)
      .map((round) => describeEvidence(round.evidence))
      .join(' | ');
  publish({
    name: 'modules-contact-centre',
    title: 'Contact centre with every transcript module on vs off (same run, alternating rounds)',
    notes: [
      `${plan.calls} calls × ${plan.ratePerCall} events/s through /ingest/l16 and the scripted engine (simulation), ` +
        `${plan.supervisors} supervisors on '*' and one agent per call; ` +
        `${plan.timing.warmupMs / 1000} s warm-up and ${plan.timing.measureMs / 1000} s measured per round; ` +
        `publish → receive at the clients (ms, 1 ms resolution)`,
      'on: formatter, PII redaction, sentiment, talk metrics, phrase alerts (demo rules), agent assist (demo cards), ' +
        'webhooks to a local receiver; off: all switched off (phrase alerts stay registered with no rule)',
      `load average ${loadAtStart} at start, ${loadAverage()} at end (shared 2-core machine)`,
      `modules on, what they produced: ${evidenceOf('on')}`,
      `modules off, what they produced: ${evidenceOf('off')}`,
      `p99 added by the modules: ${comparison.p99AddedMs.toFixed(1)} ms (bar ≤ ${P99_ADDED_BAR_MS} ms, no loss, no duplicate): ` +
        `${comparison.barMet ? 'met' : 'missed'}`,
    ],
    columns: [
      'modules',
      'rounds',
      'p50 ms (median)',
      'p99 ms (median)',
      'p99 per round',
      'deliveries',
      'lost',
      'duplicated',
      'gateway CPU % per round',
    ],
    rows: [modeRow('off', comparison.off), modeRow('on', comparison.on)],
    details: { rounds: measured, comparison },
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
