import { ERROR_CODES, TntError } from '@tnt/protocol';

/**
 * Every `code` the history API answers with (all documented in the protocol's `ERROR_CODES`,
 * with their HTTP status in `ERROR_CODE_ANSWERS`).
 */
export const HISTORY_ERROR_CODES = {
  /** 400: a query parameter is missing, repeated, unknown or out of range; `message` names it. */
  VALIDATION_FAILED: ERROR_CODES.VALIDATION_FAILED,
  /** 404: no stored call has this id. */
  CALL_NOT_FOUND: ERROR_CODES.CALL_NOT_FOUND,
  /** 503: the gateway keeps no history (`TNT_STORE=memory`). */
  HISTORY_UNAVAILABLE: ERROR_CODES.HISTORY_UNAVAILABLE,
  /** 500: the server failed; details are in its log, never in the answer. */
  INTERNAL_ERROR: ERROR_CODES.INTERNAL_ERROR,
} as const;

/** 400 naming the query parameter at fault; `received` is echoed when short enough to help. */
export function invalidParameter(parameter: string, rule: string, received?: unknown): TntError {
  const shown = typeof received === 'string' && received.length <= 64 ? ` (got ${JSON.stringify(received)})` : '';
  return new TntError(HISTORY_ERROR_CODES.VALIDATION_FAILED, `${parameter} ${rule}${shown}`);
}

/** 404 for a call id that is not stored. */
export function callNotFound(callId: string): TntError {
  return new TntError(HISTORY_ERROR_CODES.CALL_NOT_FOUND, `call ${callId} is not in the history`, { callId });
}
