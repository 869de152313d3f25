import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import type { SerializedError } from './worker-protocol';

/** Turns anything thrown on a thread into what can be posted to another one. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof PocketsphinxError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: PocketsphinxErrorCode.DecoderFailed, message };
}

/** Rebuilds the {@link PocketsphinxError} a thread posted. */
export function deserializeError(error: SerializedError): PocketsphinxError {
  return new PocketsphinxError(error.code, error.message);
}
