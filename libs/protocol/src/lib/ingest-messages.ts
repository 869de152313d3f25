import { CALL_ID } from './call-id';
import { array, literal, number, object, oneOf, optional, refine, string, union, type Infer } from './schema';
import { SPEAKER } from './speaker';

/**
 * The start frames of the ingest protocols, as schemas. They describe shape only: whether an
 * encoding or a rate is one the endpoint takes is the endpoint's decision (its own error codes).
 * Third-party frames grow fields, so undeclared fields are kept, not refused.
 */

/** A number, or a number written as a string (Twilio sends `timestamp`, `chunk` and some rates that way). */
export const NUMERIC = union([number(), string({ pattern: /^\s*-?\d+(\.\d+)?\s*$/ })], 'a number');

/** A name or address from telephony (agent id, caller number): 1 to 256 characters. */
export const INGEST_TEXT = string({ min: 1, max: 256 });

/** Twilio's track names: `inbound` is the caller, `outbound` the agent. */
export const TWILIO_TRACK = oneOf(['inbound', 'outbound']);

/** The `start` object of a Twilio Media Streams `start` message. */
export const TWILIO_START = object(
  {
    callSid: CALL_ID,
    streamSid: optional(string()),
    tracks: array(TWILIO_TRACK, { min: 1, max: 2 }),
    mediaFormat: object({ encoding: INGEST_TEXT, sampleRate: NUMERIC, channels: optional(NUMERIC) }, 'keep'),
    customParameters: optional(object({ agentId: optional(INGEST_TEXT), from: optional(INGEST_TEXT), to: optional(INGEST_TEXT) }, 'keep')),
  },
  'keep',
);

/** Twilio Media Streams `start`: names the call (`callSid`), its tracks and the media format. */
export const TWILIO_START_MESSAGE = object({ event: literal('start'), start: TWILIO_START }, 'keep');
/** Twilio Media Streams `start`, see {@link TWILIO_START_MESSAGE}. */
export type TwilioStartMessage = Infer<typeof TWILIO_START_MESSAGE>;

/** Twilio Media Streams `media`: base64 μ-law of one track, `timestamp` in ms since the stream began. */
export const TWILIO_MEDIA_MESSAGE = object(
  {
    event: literal('media'),
    media: object({ track: INGEST_TEXT, payload: string({ min: 1 }), timestamp: optional(NUMERIC), chunk: optional(NUMERIC) }, 'keep'),
  },
  'keep',
);
/** Twilio Media Streams `media`, see {@link TWILIO_MEDIA_MESSAGE}. */
export type TwilioMediaMessage = Infer<typeof TWILIO_MEDIA_MESSAGE>;

/** Any Twilio Media Streams message: only `event` is read before the event's own schema. */
export const TWILIO_EVENT = object({ event: INGEST_TEXT }, 'keep');

/**
 * The metadata frame of the L16 convention (jambonz `listen`, FreeSWITCH `mod_audio_fork`): the
 * call (`callId`, or `callSid` as jambonz names it), who takes it, the rate, and how channels map
 * to speakers (`speaker` for mono, `callerChannel` for stereo).
 */
export const L16_METADATA = refine(
  object(
    {
      callId: optional(CALL_ID),
      callSid: optional(CALL_ID),
      agentId: optional(INGEST_TEXT),
      from: optional(INGEST_TEXT),
      to: optional(INGEST_TEXT),
      sampleRate: NUMERIC,
      mixType: optional(INGEST_TEXT),
      speaker: optional(SPEAKER),
      callerChannel: optional(oneOf([0, 1])),
    },
    'keep',
  ),
  (metadata) => metadata.callId !== undefined || metadata.callSid !== undefined,
  { field: 'callId', rule: 'present (or callSid)' },
);
/** The metadata frame of the L16 convention, see {@link L16_METADATA}. */
export type L16Metadata = Infer<typeof L16_METADATA>;
