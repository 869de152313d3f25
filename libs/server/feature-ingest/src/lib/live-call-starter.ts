import { CallConflict, StoreUnavailable } from '@tnt/server/feature-sessions';
import {
  EngineUnavailable,
  ShuttingDown,
  type LiveCall,
  type LiveCallStart,
  type TranscriptionService,
} from '@tnt/server/feature-transcription';
import { goingAway, INGEST_ERROR_CODES, policyViolation, serverFailure } from './ingest-error';

/**
 * Starts a transcribed call for an ingest connection — stored, announced and every speaker's
 * stream open, or nothing left active — and turns each way that can fail into the ingest error the
 * peer reads in the close reason. Only a real id conflict is the peer's fault (1008).
 */
export function startIngestCall(transcription: TranscriptionService, start: LiveCallStart): LiveCall {
  try {
    return transcription.startCall(start);
  } catch (error) {
    throw ingestErrorFor(error);
  }
}

/** The answer to a failed start, chosen by the error's type; an unexpected error goes on as it is. */
function ingestErrorFor(error: unknown): unknown {
  if (error instanceof CallConflict) return policyViolation(INGEST_ERROR_CODES.CALL_CONFLICT, error.message);
  if (error instanceof ShuttingDown) return goingAway(INGEST_ERROR_CODES.UNAVAILABLE, error.message);
  if (error instanceof EngineUnavailable) return serverFailure(INGEST_ERROR_CODES.ENGINE_UNAVAILABLE, error.message, error);
  if (error instanceof StoreUnavailable) return serverFailure(INGEST_ERROR_CODES.STORE_UNAVAILABLE, error.message, error);
  return error;
}
