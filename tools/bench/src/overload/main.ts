/**
 * Overload benchmark (issue 13, "refuse, don't drown"): one instance with real pocketsphinx is
 * offered about twice the calls it can carry, at real time. It should refuse the extra calls at
 * their start (1013 INGEST_AT_CAPACITY) and keep the accepted ones within the latency bar; the
 * baseline, in the same run, is the same instance with refusing switched off.
 *
 *   npm run bench:overload [-- --lines 16 --window-s 150 --baseline-window-s 60 --no-baseline]
 */
import { fixtureConversations } from '@tnt/tools/feature-simulator';
import { provisionAccess, startGateway, workspaceRoot } from '@tnt/tools/util-gateway-process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';
import { offerLoad, STARVED_LAG_MS, type OfferedLoadOutcome } from './offered-load';

/** The bar for accepted calls: finals within this of the end of their utterance at p95. */
const FINAL_P95_BAR_MS = 1500;

async function run(
  env: Record<string, string>,
  lines: number,
  windowMs: number,
  conversations: Awaited<ReturnType<typeof fixtureConversations>>,
): Promise<OfferedLoadOutcome> {
  const access = await provisionAccess();
  const gateway = await startGateway({ ...access.env, TNT_ENGINE: 'pocketsphinx', ...env }, 60_000);
  try {
    return await offerLoad({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      credentials: { ingestApiKey: access.ingestApiKey, token: access.supervisorToken },
      conversations,
      lines,
      windowMs,
      redialAfterRefusalMs: 2000,
      barMs: FINAL_P95_BAR_MS,
    });
  } finally {
    await gateway.stop();
  }
}

function summary(label: string, outcome: OfferedLoadOutcome): string {
  return (
    `${label}: offered ${outcome.offered}, accepted ${outcome.accepted}, refused ${outcome.refused}, ` +
    `final p50 ${Math.round(outcome.finalLatencyP50)} ms, p95 ${Math.round(outcome.finalLatencyP95)} ms, starved ${outcome.starved}` +
    (outcome.failure ? `, stopped early: ${outcome.failure}` : '')
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '16' },
      'window-s': { type: 'string', default: '150' },
      'baseline-window-s': { type: 'string', default: '60' },
      'no-baseline': { type: 'boolean', default: false },
    },
  });
  const lines = Number(values.lines);
  const conversations = await fixtureConversations(join(workspaceRoot(), 'tools', 'fixtures', 'conversations'));
  const refusing = await run({}, lines, Number(values['window-s']) * 1000, conversations);
  console.error(summary('refusing at capacity', refusing));
  const baseline = values['no-baseline']
    ? null
    : await run({ TNT_CAPACITY_REFUSE_CALLS: '0' }, lines, Number(values['baseline-window-s']) * 1000, conversations);
  if (baseline) console.error(summary('baseline, taking every call', baseline));
  const p95Met = refusing.finalLatencyP95 <= FINAL_P95_BAR_MS;
  const na = 'n/a';
  publish({
    name: 'overload',
    title: 'Overload: one instance offered about twice its speech capacity (pocketsphinx en-us, real gateway)',
    notes: [
      `${lines} lines of fixture conversations streamed at real time through /ingest/l16 for ${Number(values['window-s'])} s; ` +
        'lines start spread over one conversation, and each redials when its call ends, or 2 s after a refusal.',
      'Capacity is what the instance measures (decoding backlog and real-time factor), with the default limits ' +
        '(TNT_CAPACITY_MAX_LOAD 0.85, TNT_CAPACITY_MAX_BACKLOG_MS 1000, TNT_CAPACITY_WINDOW_MS 5000).',
      `Latency: end of an utterance in the audio → its final at a UI client, over every final of every accepted call. ` +
        `Starved: an accepted call with no final, or one later than ${STARVED_LAG_MS} ms.`,
      baseline
        ? `Baseline in the same run: the same load for ${Number(values['baseline-window-s'])} s on a fresh instance with ` +
          'TNT_CAPACITY_REFUSE_CALLS=0 (every call taken).'
        : 'No baseline in this run.',
    ],
    columns: ['measure', 'refusing at capacity', 'baseline: every call taken', 'bar', 'verdict'],
    rows: [
      ['calls offered', refusing.offered, baseline?.offered ?? na, '≈ 2× capacity', 'measured'],
      [
        'calls accepted / refused',
        `${refusing.accepted} / ${refusing.refused}`,
        baseline ? `${baseline.accepted} / ${baseline.refused}` : na,
        'refused with 1013',
        refusing.refused > 0 ? 'met' : 'missed',
      ],
      [
        'calls in progress, mean / most',
        `${refusing.activeCallsMean.toFixed(1)} / ${refusing.activeCallsMax}`,
        baseline ? `${baseline.activeCallsMean.toFixed(1)} / ${baseline.activeCallsMax}` : na,
        '—',
        'measured',
      ],
      ['final latency of accepted calls, p50 (ms)', refusing.finalLatencyP50, baseline?.finalLatencyP50 ?? na, '—', 'measured'],
      [
        'final latency of accepted calls, p95 (ms)',
        refusing.finalLatencyP95,
        baseline?.finalLatencyP95 ?? na,
        `≤ ${FINAL_P95_BAR_MS}`,
        p95Met ? 'met' : 'missed',
      ],
      ['final latency, worst (ms)', refusing.finalLatencyMax, baseline?.finalLatencyMax ?? na, '—', 'measured'],
      ['accepted calls starved', refusing.starved, baseline?.starved ?? na, '0', refusing.starved === 0 ? 'met' : 'missed'],
      [
        `accepted calls with their own p95 over ${FINAL_P95_BAR_MS} ms`,
        refusing.callsOverBar,
        baseline?.callsOverBar ?? na,
        '—',
        'measured',
      ],
      ['share of seconds /readyz answered 503', refusing.notReadyShare, baseline?.notReadyShare ?? na, '—', 'measured'],
      ['most decoding backlog seen (s)', refusing.backlogMaxSeconds, baseline?.backlogMaxSeconds ?? na, '—', 'measured'],
      ['real-time factor per stream, last read', refusing.realTimeFactorLast, baseline?.realTimeFactorLast ?? na, '—', 'measured'],
    ],
    details: { refusing, baseline },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
