import { ERROR_CODES } from '@tnt/protocol';

/**
 * Every `code` the history API answers with (all documented in the protocol's `ERROR_CODES`).
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

/** A history API error code, see {@link HISTORY_ERROR_CODES}. */
export type HistoryErrorCode = (typeof HISTORY_ERROR_CODES)[keyof typeof HISTORY_ERROR_CODES];

/** The JSON body of every error answer. */
export interface HistoryErrorBody {
  code: HistoryErrorCode;
  message: string;
}

/** An answer other than 200, with its stable code. */
export class HistoryHttpError extends Error {
  constructor(readonly status: number, readonly code: HistoryErrorCode, message: string) {
    super(message);
    this.name = 'HistoryHttpError';
  }
}

/** 400 naming the query parameter at fault. */
export function invalidParameter(parameter: string, rule: string, received?: unknown): HistoryHttpError {
  const got = received === undefined ? '' : ` (got ${JSON.stringify(received)})`;
  return new HistoryHttpError(400, HISTORY_ERROR_CODES.VALIDATION_FAILED, `${parameter} ${rule}${got}`);
}

/** 404 for a call id that is not stored. */
export function callNotFound(callId: string): HistoryHttpError {
  return new HistoryHttpError(404, HISTORY_ERROR_CODES.CALL_NOT_FOUND, `call ${callId} is not in the history`);
}
