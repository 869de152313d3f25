import type { Speaker } from '@tnt/protocol';
import type { StartCallInput } from '@tnt/server/feature-sessions';
import type { LiveCall, TranscriptionService } from '@tnt/server/feature-transcription';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';

/**
 * Starts a transcribed call for an ingest connection and opens one stream per speaker at the
 * connection's sample rate; failures become ingest errors the peer can read in the close reason.
 */
export function startIngestCall(
  transcription: TranscriptionService,
  input: StartCallInput,
  speakers: readonly Speaker[],
  sampleRate: number,
): LiveCall {
  if (!transcription.isAccepting) {
    throw ingestError(INGEST_ERROR_CODES.UNAVAILABLE, 'the server is shutting down');
  }
  let live: LiveCall;
  try {
    live = transcription.startCall(input);
  } catch (error) {
    throw ingestError(INGEST_ERROR_CODES.CALL_CONFLICT, (error as Error).message);
  }
  for (const speaker of speakers) live.openSpeaker(speaker, sampleRate);
  return live;
}
