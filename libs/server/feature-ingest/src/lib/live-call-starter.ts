import { CallConflict, StoreUnavailable } from '@tnt/server/feature-sessions';
import {
  AtCapacity,
  EngineUnavailable,
  ShuttingDown,
  type LiveCall,
  type LiveCallStart,
  type TranscriptionService,
} from '@tnt/server/feature-transcription';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';

/**
 * Starts a transcribed call for an ingest connection — stored, announced and every speaker's
 * stream open, or nothing left active — and turns each way that can fail into the ingest error the
 * peer reads in the close reason. Only a real id conflict is the peer's fault (1008); a call refused
 * at capacity (1013) is for telephony to place elsewhere; the close code
 * of each code is in the protocol's `ERROR_CODE_ANSWERS`.
 */
export async function startIngestCall(transcription: TranscriptionService, start: LiveCallStart): Promise<LiveCall> {
  try {
    return await transcription.startCall(start);
  } catch (error) {
    throw ingestErrorFor(error);
  }
}

/** The answer to a failed start, chosen by the error's type; an unexpected error goes on as it is. */
function ingestErrorFor(error: unknown): unknown {
  if (error instanceof CallConflict) return ingestError(INGEST_ERROR_CODES.CALL_CONFLICT, error.message);
  if (error instanceof ShuttingDown) return ingestError(INGEST_ERROR_CODES.UNAVAILABLE, error.message);
  if (error instanceof AtCapacity) return ingestError(INGEST_ERROR_CODES.AT_CAPACITY, error.message);
  if (error instanceof EngineUnavailable) return ingestError(INGEST_ERROR_CODES.ENGINE_UNAVAILABLE, error.message, error);
  if (error instanceof StoreUnavailable) return ingestError(INGEST_ERROR_CODES.STORE_UNAVAILABLE, error.message, error);
  return error;
}
