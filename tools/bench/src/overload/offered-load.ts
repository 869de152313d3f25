import { runSimulation, type GatewayCredentials, type SimulatedCallResult } from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { setMaxListeners } from 'node:events';
import { readGauge } from '../transport/gateway-metrics';
import { percentile } from '../support/percentile';

/** An accepted call whose worst final came later than this after its utterance ended (or that got no final) was starved. */
export const STARVED_LAG_MS = 5000;

/** What one accepted call got. */
export interface AcceptedCall {
  readonly callId: string;
  readonly finals: number;
  readonly worstLagMs: number;
  readonly p95LagMs: number;
}

/** The outcome of offering more calls than the instance can carry. */
export interface OfferedLoadOutcome {
  readonly lines: number;
  readonly windowMs: number;
  readonly offered: number;
  readonly accepted: number;
  readonly refused: number;
  /** End of utterance → final at a UI client, over every final of every accepted call, ms. */
  readonly finalLatencyP50: number;
  readonly finalLatencyP95: number;
  readonly finalLatencyMax: number;
  /** Accepted calls with no final, or a final later than {@link STARVED_LAG_MS}. */
  readonly starved: number;
  /** Accepted calls whose own p95 exceeded `barMs`. */
  readonly callsOverBar: number;
  /** Calls in progress on the gateway (`tnt_active_calls`), sampled each second: mean and most. */
  readonly activeCallsMean: number;
  readonly activeCallsMax: number;
  /** Share of seconds `/readyz` answered 503. */
  readonly notReadyShare: number;
  /** Most decoding backlog seen (`tnt_stt_backlog_seconds`) and the last real-time factor read. */
  readonly backlogMaxSeconds: number;
  readonly realTimeFactorLast: number;
  /** A line's failure that stopped it early (e.g. a transcript that never ended), if any. */
  readonly failure?: string;
  readonly calls: readonly AcceptedCall[];
}

/** Options of {@link offerLoad}. */
export interface OfferedLoadOptions {
  readonly baseUrl: string;
  readonly credentials: GatewayCredentials;
  readonly conversations: readonly Conversation[];
  /** Concurrent lines; each redials as soon as its call ends, or `redialAfterRefusalMs` after a refusal. */
  readonly lines: number;
  readonly windowMs: number;
  readonly redialAfterRefusalMs: number;
  /** The latency bar a call's own p95 is compared with. */
  readonly barMs: number;
}

/** Streams `lines` lines of real-time calls for `windowMs`, each line starting spread over one conversation's length. */
export async function offerLoad(options: OfferedLoadOptions): Promise<OfferedLoadOutcome> {
  const calls: AcceptedCall[] = [];
  const allLags: number[] = [];
  let refused = 0;
  const samples = { active: [] as number[], notReady: 0, polls: 0, backlogMax: 0, realTimeFactor: Number.NaN };
  const poller = setInterval(() => {
    void sampleGateway(options.baseUrl, samples);
  }, 1000);
  const meanDurationMs =
    options.conversations.reduce((sum, conversation) => sum + conversation.script.durationMs, 0) / options.conversations.length;
  let failure: string | undefined;
  const window = AbortSignal.timeout(options.windowMs);
  // Every line waits on the window at once (redial delays, stagger), more than Node's default 10 listeners.
  setMaxListeners(options.lines * 2 + 10, window);
  try {
    await runSimulation({
      baseUrl: options.baseUrl,
      credentials: options.credentials,
      endpoint: 'l16',
      conversations: options.conversations,
      calls: options.lines,
      speed: 1,
      loop: true,
      staggerMs: meanDurationMs / options.lines,
      signal: window,
      callIdPrefix: `overload-${Date.now()}`,
      keepRecent: 1,
      redialAfterRefusalMs: options.redialAfterRefusalMs,
      onRefused: () => refused++,
      onCallFinished: (result) => {
        const lags = lagsOf(result);
        allLags.push(...lags);
        calls.push({ callId: result.call.callId, finals: lags.length, worstLagMs: Math.max(...lags, 0), p95LagMs: percentile(lags, 95) });
      },
    });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    clearInterval(poller);
  }
  return {
    lines: options.lines,
    windowMs: options.windowMs,
    offered: calls.length + refused,
    accepted: calls.length,
    refused,
    finalLatencyP50: percentile(allLags, 50),
    finalLatencyP95: percentile(allLags, 95),
    finalLatencyMax: Math.max(...allLags, 0),
    starved: calls.filter((call) => call.finals === 0 || call.worstLagMs > STARVED_LAG_MS).length,
    callsOverBar: calls.filter((call) => !(call.p95LagMs <= options.barMs)).length,
    activeCallsMean: samples.active.reduce((sum, value) => sum + value, 0) / Math.max(1, samples.active.length),
    activeCallsMax: Math.max(...samples.active, 0),
    notReadyShare: samples.notReady / Math.max(1, samples.polls),
    backlogMaxSeconds: samples.backlogMax,
    realTimeFactorLast: samples.realTimeFactor,
    ...(failure ? { failure } : {}),
    calls,
  };
}

/** End of each utterance in the audio → its final at the UI client, ms. */
function lagsOf(result: SimulatedCallResult): number[] {
  const audioClock = (offsetMs: number) => result.streamStartedAt + offsetMs / result.speed;
  const lags: number[] = [];
  for (const segment of result.watched.finals) {
    const finalAt = result.watched.finalAt.get(segment.id);
    if (finalAt !== undefined) lags.push(finalAt - audioClock(segment.endMs));
  }
  return lags;
}

async function sampleGateway(
  baseUrl: string,
  samples: { active: number[]; notReady: number; polls: number; backlogMax: number; realTimeFactor: number },
): Promise<void> {
  try {
    const [ready, active, backlog, realTimeFactor] = await Promise.all([
      fetch(`${baseUrl}/readyz`).then((response) => response.status),
      readGauge(baseUrl, 'tnt_active_calls'),
      readGauge(baseUrl, 'tnt_stt_backlog_seconds'),
      readGauge(baseUrl, 'tnt_stt_real_time_factor'),
    ]);
    samples.polls++;
    if (ready === 503) samples.notReady++;
    if (active !== undefined) samples.active.push(active);
    if (backlog !== undefined) samples.backlogMax = Math.max(samples.backlogMax, backlog);
    if (realTimeFactor !== undefined) samples.realTimeFactor = realTimeFactor;
  } catch (error) {
    console.error(`sampling the gateway failed: ${String(error)}`);
  }
}
