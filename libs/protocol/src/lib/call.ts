import { guard, integer, object, oneOf, optional, string, type Infer } from './schema';

/** Lifecycle state of a call. */
export const CALL_STATUS = oneOf(['active', 'ended']);
/** Lifecycle state of a call. */
export type CallStatus = Infer<typeof CALL_STATUS>;

/** What happened to a call in a `call` event. */
export const CALL_EVENT_KIND = oneOf(['started', 'updated', 'ended']);
/** What happened to a call in a `call` event. */
export type CallEventKind = Infer<typeof CALL_EVENT_KIND>;

/**
 * Why a call ended. `engine-unavailable` and `store-unavailable` end a call whose start failed part-way
 * (a speaker's speech-to-text stream could not be opened, or its start could not be stored), so it never
 * stays active.
 */
export const CALL_END_REASON = oneOf([
  'completed',
  'caller-hangup',
  'disconnected',
  'shutdown',
  'interrupted',
  'error',
  'engine-unavailable',
  'store-unavailable',
]);
/** Why a call ended, see {@link CALL_END_REASON}. */
export type CallEndReason = Infer<typeof CALL_END_REASON>;

/**
 * The language of a conversation as telephony names it: a BCP 47 tag such as `es-ES`, at most 35
 * characters (the length RFC 5646 §4.4.1 asks every implementation to take), as AudioHook sends it.
 */
export const CALL_LANGUAGE = string({ min: 1, max: 35 });

/**
 * A call as clients see it. Times are ISO 8601. `from`/`to` are the caller's and the dialled
 * number or address, when known; `language` is the conversation's language as telephony named it
 * (the engine may transcribe another one, `TNT_LANGUAGE`); `lastSeq` is the call's newest event
 * number when the object was made.
 */
export const CALL_INFO = object(
  {
    id: string({ min: 1 }),
    agentId: string(),
    from: optional(string()),
    to: optional(string()),
    language: optional(CALL_LANGUAGE),
    startedAt: string(),
    endedAt: optional(string()),
    status: CALL_STATUS,
    endReason: optional(CALL_END_REASON),
    lastSeq: optional(integer({ min: 0 })),
  },
  'keep',
);

/** A call as clients see it, see {@link CALL_INFO}. */
export type CallInfo = Infer<typeof CALL_INFO>;

/** True when `value` has the fields of a {@link CallInfo}. */
export const isCallInfo = guard(CALL_INFO);
