import { runSimulation, type GatewayCredentials, type SimulatedCallResult } from '@tnt/tools/feature-simulator';
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
  readonly finals: number;
}

function lagsOf(results: readonly SimulatedCallResult[]): { finals: number[]; firstInterims: number[] } {
  const finals: number[] = [];
  const firstInterims: number[] = [];
  for (const result of results) {
    const audioClock = (offsetMs: number) => result.streamStartedAt + offsetMs / result.speed;
    for (const segment of result.watched.finals) {
      const finalAt = result.watched.finalAt.get(segment.id);
      if (finalAt !== undefined) finals.push(finalAt - audioClock(segment.endMs));
      const interimAt = result.watched.firstInterimAt.get(segment.id);
      if (interimAt !== undefined) firstInterims.push(interimAt - audioClock(segment.startMs));
    }
  }
  return { finals, firstInterims };
}

/** Streams `calls` concurrent two-speaker calls in real time and measures how late transcripts arrive. */
export async function measureLoadLevel(baseUrl: string, credentials: GatewayCredentials, conversations: readonly Conversation[], calls: number): Promise<LoadLevel> {
  const results = await runSimulation({ baseUrl, credentials, endpoint: 'l16', conversations, calls, speed: 1, callIdPrefix: `load-${calls}-${Date.now()}` });
  const { finals, firstInterims } = lagsOf(results);
  return {
    calls,
    finalLatencyP50: percentile(finals, 50),
    finalLatencyP95: percentile(finals, 95),
    firstInterimP50: percentile(firstInterims, 50),
    firstInterimP95: percentile(firstInterims, 95),
    firstInterimWithin1s: firstInterims.filter((lag) => lag <= 1000).length / Math.max(1, firstInterims.length),
    finals: finals.length,
  };
}
