import { runSimulation, type GatewayCredentials, type SimulatedCallResult } from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { percentile } from '../support/percentile';
import { InstanceSampler, type InstanceFigures } from './instance-sampler';

/** An accepted call whose worst final came later than this after its utterance ended (or that got no final) was starved. */
export const STARVED_LAG_MS = 5000;

/** What one accepted call got. */
export interface AcceptedCall {
  readonly callId: string;
  readonly finals: number;
  readonly worstLagMs: number;
  readonly p95LagMs: number;
}

/** The outcome of offering more calls than the instances can carry. */
export interface OfferedLoadOutcome {
  readonly lines: number;
  readonly windowMs: number;
  /** Calls dialed: accepted + refused (both ways) + failed while streaming. */
  readonly offered: number;
  /** Calls whose audio was streamed to the end (their transcript then ended, or they count as starved). */
  readonly accepted: number;
  /** Refused by a gateway at its speech capacity: WebSocket close 1013 `INGEST_AT_CAPACITY`. */
  readonly refusedAtCapacity: number;
  /** Refused by HAProxy with every instance out of rotation: HTTP 503 on the upgrade. */
  readonly refusedByBalancer: number;
  /** Calls that failed while streaming (closed early other than by a refusal, connection lost). */
  readonly failedWhileStreaming: number;
  /** End of utterance → final at a UI client, over every final of every accepted call, ms. */
  readonly finalLatencyP50: number;
  readonly finalLatencyP95: number;
  readonly finalLatencyMax: number;
  /** Accepted calls with no final, a final later than {@link STARVED_LAG_MS}, or a transcript that never ended. */
  readonly starved: number;
  /** Accepted calls whose own p95 exceeded `barMs`. */
  readonly callsOverBar: number;
  /** Each instance as read from its own `/readyz` and `/metrics`, in instance order. */
  readonly instances: readonly InstanceFigures[];
  /** The calls that failed, and how (the first few). */
  readonly failures: readonly string[];
  readonly calls: readonly AcceptedCall[];
}

/** Options of {@link offerLoad}. */
export interface OfferedLoadOptions {
  /** Where calls are placed: the gateway itself, or HAProxy in front of the instances. */
  readonly baseUrl: string;
  /** Each instance's own URL, read each second for calls in progress, readiness, backlog and load. */
  readonly instanceUrls: readonly string[];
  readonly credentials: GatewayCredentials;
  readonly conversations: readonly Conversation[];
  /** Concurrent lines; each redials as soon as its call ends, or `redialAfterRefusalMs` after a refusal. */
  readonly lines: number;
  readonly windowMs: number;
  readonly redialAfterRefusalMs: number;
  /** The latency bar a call's own p95 is compared with. */
  readonly barMs: number;
}

/** Failures kept in full in the outcome; the rest are counted. */
const FAILURES_KEPT = 10;

/**
 * Streams `lines` lines of real-time calls for `windowMs`, each line starting spread over one
 * conversation's length. A call that fails is recorded and its line goes on: one failed call must
 * not end the window for the others.
 */
export async function offerLoad(options: OfferedLoadOptions): Promise<OfferedLoadOutcome> {
  const calls: AcceptedCall[] = [];
  const allLags: number[] = [];
  let refusedAtCapacity = 0;
  let refusedByBalancer = 0;
  let failedWhileStreaming = 0;
  let transcriptsNotEnded = 0;
  const failures: string[] = [];
  const sampler = new InstanceSampler(options.instanceUrls).start();
  let instances: InstanceFigures[] = [];
  const meanDurationMs =
    options.conversations.reduce((sum, conversation) => sum + conversation.script.durationMs, 0) / options.conversations.length;
  const window = AbortSignal.timeout(options.windowMs);
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
      onRefused: () => refusedAtCapacity++,
      onUpgradeRefused: () => refusedByBalancer++,
      onCallFailed: (failure) => {
        if (failure.stage === 'streaming') failedWhileStreaming++;
        else transcriptsNotEnded++;
        const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
        if (failures.length < FAILURES_KEPT) failures.push(`${failure.call.callId} (${failure.stage}): ${reason}`);
        console.error(
          `call ${failure.call.callId} failed while ${failure.stage === 'streaming' ? 'streaming' : 'awaiting its transcript'}: ${reason}`,
        );
      },
      onCallFinished: (result) => {
        const lags = lagsOf(result);
        allLags.push(...lags);
        calls.push({ callId: result.call.callId, finals: lags.length, worstLagMs: Math.max(...lags, 0), p95LagMs: percentile(lags, 95) });
      },
    });
  } finally {
    instances = await sampler.stop();
  }
  const accepted = calls.length + transcriptsNotEnded;
  return {
    lines: options.lines,
    windowMs: options.windowMs,
    offered: accepted + refusedAtCapacity + refusedByBalancer + failedWhileStreaming,
    accepted,
    refusedAtCapacity,
    refusedByBalancer,
    failedWhileStreaming,
    finalLatencyP50: percentile(allLags, 50),
    finalLatencyP95: percentile(allLags, 95),
    finalLatencyMax: Math.max(...allLags, 0),
    starved: transcriptsNotEnded + calls.filter((call) => call.finals === 0 || call.worstLagMs > STARVED_LAG_MS).length,
    callsOverBar: calls.filter((call) => !(call.p95LagMs <= options.barMs)).length,
    instances,
    failures,
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
