import { boolean, guard, number, object, optional, record, string, union, type Infer } from './schema';
import { SPEAKER } from './speaker';

/**
 * One transcript segment. An interim segment (`isFinal: false`) has the same `id` as the final
 * segment that replaces it; ids are unique within a call. `confidence` is 0..1 as estimated by the
 * engine; `timestamp` is when the server produced it (ISO 8601); `startMs`/`endMs` are offsets in
 * the speaker's call audio; `engine` names the speech-to-text engine (`pocketsphinx`, `scripted`);
 * `simulated` is true when a simulation scripted the text; `annotations` are values added by
 * server-side transcript processors (e.g. `redacted: true`, `sentiment: -0.4`).
 *
 * `text` is what people read: when the server formats transcripts (the default), it has sentence
 * case, punctuation and numbers as digits, and `raw` keeps the words exactly as the engine wrote
 * them (`five business days` beside `5 business days.`), for search and for measuring accuracy.
 * A processor that changes the words (redaction) changes both. `raw` is absent when the server
 * did not format the text; then `text` is the engine's own.
 */
export const TRANSCRIPT_SEGMENT = object(
  {
    id: string(),
    text: string(),
    raw: optional(string()),
    speaker: SPEAKER,
    confidence: number(),
    timestamp: string(),
    isFinal: boolean(),
    startMs: number(),
    endMs: number(),
    engine: string(),
    simulated: boolean(),
    annotations: optional(record(union([string(), number(), boolean()], 'a string, a number or true/false'))),
  },
  'keep',
);

/** One transcript segment, see {@link TRANSCRIPT_SEGMENT}. */
export type TranscriptSegment = Infer<typeof TRANSCRIPT_SEGMENT>;

/** True when `value` has the fields of a {@link TranscriptSegment}. */
export const isTranscriptSegment = guard(TRANSCRIPT_SEGMENT);
