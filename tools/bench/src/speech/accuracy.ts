import type { Speaker } from '@tnt/protocol';
import { WordErrorTotals } from '@tnt/shared/util-testing';
import { runSimulation, type GatewayCredentials, type IngestEndpoint } from '@tnt/tools/feature-simulator';
import { referenceText, type Conversation } from '@tnt/tools/util-speech';
import { batchTranscribe, telephoneRoundTrip } from './batch-baseline';

const SPEAKERS: readonly Speaker[] = ['caller', 'agent'];

/** Word error rates of one audio path: TnT's streaming pipeline next to the batch recogniser. */
export interface AccuracyResult {
  readonly path: string;
  readonly streaming: number;
  readonly batch: number;
}

/** Word error rate of TnT's streaming pipeline on the conversations through one ingest endpoint. */
export async function streamingRate(
  baseUrl: string,
  credentials: GatewayCredentials,
  endpoint: IngestEndpoint,
  conversations: readonly Conversation[],
  speed: number,
): Promise<number> {
  const callIdPrefix = `accuracy-${endpoint}-${Date.now()}`;
  const summary = await runSimulation({ baseUrl, credentials, endpoint, conversations, calls: conversations.length, speed, callIdPrefix });
  return summary.wordErrors.rate;
}

async function batchRate(conversations: readonly Conversation[], telephone: boolean): Promise<number> {
  const totals = new WordErrorTotals();
  for (const conversation of conversations) {
    for (const speaker of SPEAKERS) {
      const track = telephone ? await telephoneRoundTrip(conversation[speaker], conversation.sampleRate) : conversation[speaker];
      totals.add(referenceText(conversation.script, speaker), await batchTranscribe(track, conversation.sampleRate));
    }
  }
  return totals.rate;
}

/**
 * Word error rate of the streaming pipeline on the fixture conversations at 16 kHz through
 * `/ingest/l16` and at 8 kHz μ-law through `/ingest/twilio`, each next to `pocketsphinx_continuous`
 * on the same audio (for 8 kHz: the same μ-law audio brought back to 16 kHz by sox).
 */
export async function measureAccuracy(
  baseUrl: string,
  credentials: GatewayCredentials,
  conversations: readonly Conversation[],
  speed: number,
): Promise<AccuracyResult[]> {
  const l16 = await streamingRate(baseUrl, credentials, 'l16', conversations, speed);
  const twilio = await streamingRate(baseUrl, credentials, 'twilio', conversations, speed);
  const [batch16k, batch8k] = await Promise.all([batchRate(conversations, false), batchRate(conversations, true)]);
  return [
    { path: '16 kHz L16 via /ingest/l16', streaming: l16, batch: batch16k },
    { path: '8 kHz mu-law via /ingest/twilio', streaming: twilio, batch: batch8k },
  ];
}
