import {
  runSimulation,
  type GatewayCredentials,
  type SimulatedCallResult,
  type SimulationOptions,
  type SimulationSummary,
} from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { percentile } from '../support/percentile';

/** How far behind the audio the transcripts of one load level ran. */
export interface LoadLevel {
  readonly calls: number;
  /** End of an utterance in the audio → its final segment at a UI client, milliseconds. */
  readonly finalLatencyP50: number;
  readonly finalLatencyP95: number;
  /** Start of an utterance in the audio → its first interim at a UI client, milliseconds. */
  readonly firstInterimP50: number;
  readonly firstInterimP95: number;
  /** Share of utterances whose first interim came within 1 s of their start. */
  readonly firstInterimWithin1s: number;
  /**
   * How much later finals ran at the end of the level than at its start: p95 lag of the last
   * third of the finals (by arrival) minus that of the first third. A backlog that grows
   * shows here; one that stays bounded keeps it near 0.
   */
  readonly lagGrowthMs: number;
  readonly finals: number;
}

/** Growth above this over a level means the engine is falling behind the audio. */
export const BOUNDED_LAG_GROWTH_MS = 500;

interface Lag {
  readonly at: number;
  readonly lagMs: number;
}

/** Adds one finished call's lags to `into`: a level keeps these numbers, not the calls (their audio and transcripts). */
function addLags(result: SimulatedCallResult, into: { finals: Lag[]; firstInterims: number[] }): void {
  const audioClock = (offsetMs: number) => result.streamStartedAt + offsetMs / result.speed;
  for (const segment of result.watched.finals) {
    const finalAt = result.watched.finalAt.get(segment.id);
    if (finalAt !== undefined) into.finals.push({ at: finalAt, lagMs: finalAt - audioClock(segment.endMs) });
    const interimAt = result.watched.firstInterimAt.get(segment.id);
    if (interimAt !== undefined) into.firstInterims.push(interimAt - audioClock(segment.startMs));
  }
}

/** NaN with fewer than three finals: a level that transcribed (almost) nothing shows no trend. */
function lagGrowth(finals: readonly Lag[]): number {
  const third = Math.floor(finals.length / 3);
  const p95Of = (lags: readonly Lag[]) =>
    percentile(
      lags.map((lag) => lag.lagMs),
      95,
    );
  return p95Of(finals.slice(finals.length - third)) - p95Of(finals.slice(0, third));
}

/** Whether a level kept up: its lag did not grow (a level without a measurable trend did not). */
export function backlogStayedBounded(level: LoadLevel): boolean {
  return level.lagGrowthMs <= BOUNDED_LAG_GROWTH_MS;
}

/** How calls arrive during a load level. */
export type CallArrival =
  /** Calls start evenly spread over one conversation's length and each line redials for `windowMs`, like independent calls. */
  | { readonly kind: 'staggered'; readonly windowMs: number }
  /** Every call starts at the same instant and is streamed once: every speaker talks in step, the worst case for bursts. */
  | { readonly kind: 'in-step' };

/** Streams `calls` concurrent two-speaker calls in real time and measures how late transcripts arrive. */
export async function measureLoadLevel(
  baseUrl: string,
  credentials: GatewayCredentials,
  conversations: readonly Conversation[],
  calls: number,
  arrival: CallArrival,
): Promise<LoadLevel> {
  const lags = { finals: [] as Lag[], firstInterims: [] as number[] };
  const common: SimulationOptions = {
    baseUrl,
    credentials,
    endpoint: 'l16',
    conversations,
    calls,
    speed: 1,
    callIdPrefix: `load-${calls}-${Date.now()}`,
    onCallFinished: (result) => addLags(result, lags),
  };
  await (arrival.kind === 'in-step' ? runSimulation(common) : runStaggered(common, arrival.windowMs));
  const finals = lags.finals.sort((left, right) => left.at - right.at);
  const firstInterims = lags.firstInterims;
  const finalLags = finals.map((lag) => lag.lagMs);
  return {
    calls,
    finalLatencyP50: percentile(finalLags, 50),
    finalLatencyP95: percentile(finalLags, 95),
    firstInterimP50: percentile(firstInterims, 50),
    firstInterimP95: percentile(firstInterims, 95),
    firstInterimWithin1s: firstInterims.filter((lag) => lag <= 1000).length / Math.max(1, firstInterims.length),
    lagGrowthMs: lagGrowth(finals),
    finals: finals.length,
  };
}

function runStaggered(options: SimulationOptions, windowMs: number): Promise<SimulationSummary> {
  const meanDurationMs =
    options.conversations.reduce((sum, conversation) => sum + conversation.script.durationMs, 0) / options.conversations.length;
  return runSimulation({ ...options, loop: true, staggerMs: meanDurationMs / options.calls, signal: AbortSignal.timeout(windowMs) });
}
