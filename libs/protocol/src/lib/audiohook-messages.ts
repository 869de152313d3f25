import { CALL_LANGUAGE } from './call';
import { CALL_ID } from './call-id';
import { array, boolean, integer, literal, object, oneOf, optional, string, type Infer } from './schema';

/**
 * The Genesys Cloud AudioHook Monitor protocol (version 2) as schemas: the envelope every text
 * message shares and the parameters of each client message this server reads. Shapes only: which
 * media formats are taken, and what a message means in the session's state, is the endpoint's
 * decision. Undeclared fields are kept (Genesys adds fields to its messages).
 */

/** The protocol version this server speaks. */
export const AUDIOHOOK_VERSION = '2';

/** A protocol duration: ISO 8601 seconds, `PT12.345S`. */
export const AUDIOHOOK_DURATION = string({ pattern: /^PT\d{1,9}(\.\d{1,9})?S$/, rule: 'an ISO 8601 duration in seconds like PT1.5S' });

/** A sequence number: the first message of each side is 1. */
const SEQUENCE_NUMBER = integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/** The identifier of a session, a conversation or an organization: a UUID. */
export const AUDIOHOOK_UUID = string({
  pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  rule: 'a UUID',
});

/** The all-zero UUID: an `open` naming this conversation is a connection probe, not a call. */
export const AUDIOHOOK_NULL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * What every client message carries: `seq` (the client's own, one more than its previous),
 * `serverseq` (the last server `seq` it has seen), `position` (the audio stream's position) and
 * `id` (the session id of the `Audiohook-Session-Id` header).
 */
export const AUDIOHOOK_CLIENT_ENVELOPE = object(
  {
    version: literal(AUDIOHOOK_VERSION),
    id: AUDIOHOOK_UUID,
    type: string({ min: 1, max: 64 }),
    seq: SEQUENCE_NUMBER,
    serverseq: SEQUENCE_NUMBER,
    position: AUDIOHOOK_DURATION,
    parameters: object({}, 'keep'),
  },
  'keep',
);
/** The envelope of a client message, see {@link AUDIOHOOK_CLIENT_ENVELOPE}. */
export type AudioHookClientEnvelope = Infer<typeof AUDIOHOOK_CLIENT_ENVELOPE>;

/** The audio channels: `external` is the customer (TnT's caller), `internal` the agent. */
export const AUDIOHOOK_CHANNEL = oneOf(['external', 'internal']);
/** An AudioHook channel name. */
export type AudioHookChannel = Infer<typeof AUDIOHOOK_CHANNEL>;

/** One media format the client offers in `open` (and the server picks in `opened`). */
export const AUDIOHOOK_MEDIA = object(
  {
    type: string({ min: 1, max: 32 }),
    format: string({ min: 1, max: 32 }),
    channels: array(string({ min: 1, max: 32 }), { min: 1, max: 8 }),
    rate: integer({ min: 1, max: 1_000_000 }),
  },
  'keep',
);
/** A media format, see {@link AUDIOHOOK_MEDIA}. */
export type AudioHookMedia = Infer<typeof AUDIOHOOK_MEDIA>;

/** The participant of `open`: the customer's number (`ani`, `aniName`) and the number dialled (`dnis`). */
export const AUDIOHOOK_PARTICIPANT = object(
  {
    id: optional(string({ max: 128 })),
    ani: optional(string({ max: 256 })),
    aniName: optional(string({ max: 256 })),
    dnis: optional(string({ max: 256 })),
  },
  'keep',
);

/** A session this one continues, in `open.continuedSessions`. */
export const AUDIOHOOK_CONTINUED_SESSION = object({ id: AUDIOHOOK_UUID, serverseq: SEQUENCE_NUMBER, clientseq: SEQUENCE_NUMBER }, 'keep');

/** `open` parameters: the conversation (TnT's call id), the participant, the media offers, the language. */
export const AUDIOHOOK_OPEN_PARAMETERS = object(
  {
    organizationId: AUDIOHOOK_UUID,
    conversationId: CALL_ID,
    participant: AUDIOHOOK_PARTICIPANT,
    media: array(AUDIOHOOK_MEDIA, { max: 16 }),
    language: optional(CALL_LANGUAGE),
    supportedLanguages: optional(boolean()),
    continuedSessions: optional(array(AUDIOHOOK_CONTINUED_SESSION, { max: 16 })),
    customConfig: optional(object({}, 'keep')),
  },
  'keep',
);
/** `open` parameters, see {@link AUDIOHOOK_OPEN_PARAMETERS}. */
export type AudioHookOpenParameters = Infer<typeof AUDIOHOOK_OPEN_PARAMETERS>;

/** `close` parameters: why the client ends the session. */
export const AUDIOHOOK_CLOSE_PARAMETERS = object({ reason: oneOf(['end', 'error', 'disconnect', 'reconnect']) }, 'keep');
/** `close` parameters, see {@link AUDIOHOOK_CLOSE_PARAMETERS}. */
export type AudioHookCloseParameters = Infer<typeof AUDIOHOOK_CLOSE_PARAMETERS>;

/** `discarded` and `resumed` parameters: from `start`, `discarded` of audio was not sent. */
export const AUDIOHOOK_DISCARDED_PARAMETERS = object({ start: AUDIOHOOK_DURATION, discarded: AUDIOHOOK_DURATION }, 'keep');
/** `discarded` / `resumed` parameters, see {@link AUDIOHOOK_DISCARDED_PARAMETERS}. */
export type AudioHookDiscardedParameters = Infer<typeof AUDIOHOOK_DISCARDED_PARAMETERS>;

/** `update` parameters: the conversation's language changed. */
export const AUDIOHOOK_UPDATE_PARAMETERS = object({ language: optional(CALL_LANGUAGE) }, 'keep');

/** `error` parameters (a client message): the client's HTTP-like code and what went wrong. */
export const AUDIOHOOK_ERROR_PARAMETERS = object(
  { code: integer({ min: 100, max: 599 }), message: string({ max: 4096 }), retryAfter: optional(AUDIOHOOK_DURATION) },
  'keep',
);

/** Why the server ends a session with `disconnect`. */
export const AUDIOHOOK_DISCONNECT_REASON = oneOf(['completed', 'unauthorized', 'error']);
/** A `disconnect` reason, see {@link AUDIOHOOK_DISCONNECT_REASON}. */
export type AudioHookDisconnectReason = Infer<typeof AUDIOHOOK_DISCONNECT_REASON>;

/** The messages the server sends. */
export type AudioHookServerMessageType = 'opened' | 'pong' | 'closed' | 'disconnect' | 'pause' | 'resume' | 'event';

/** Duration `PT…S` → milliseconds; the schema has checked the form. */
export function audioHookDurationMs(duration: string): number {
  return Math.round(Number(duration.slice(2, -1)) * 1000);
}

/** Milliseconds → duration `PT…S` (millisecond precision). */
export function audioHookDuration(ms: number): string {
  return `PT${(Math.max(0, ms) / 1000).toFixed(3).replace(/\.?0+$/, '')}S`;
}
