import { isSpeaker, type Speaker } from './speaker';

/**
 * One transcript segment. An interim segment (`isFinal: false`) has the same `id` as the final
 * segment that replaces it; ids are unique within a call.
 */
export interface TranscriptSegment {
  id: string;
  text: string;
  speaker: Speaker;
  /** 0..1 as estimated by the engine. */
  confidence: number;
  /** When the server produced the segment, ISO 8601. */
  timestamp: string;
  isFinal: boolean;
  /** Offset of the segment's start in the speaker's call audio, milliseconds. */
  startMs: number;
  /** Offset of the segment's end in the speaker's call audio, milliseconds. */
  endMs: number;
  /** Name of the speech-to-text engine that produced it, e.g. `pocketsphinx` or `scripted`. */
  engine: string;
  /** True when the text was scripted by a simulation rather than heard in audio. */
  simulated: boolean;
  /** Values added by server-side transcript processors (e.g. `redacted: true`, `sentiment: -0.4`). */
  annotations?: Record<string, string | number | boolean>;
}

/** True when `value` has the fields of a {@link TranscriptSegment}. */
export function isTranscriptSegment(value: unknown): value is TranscriptSegment {
  if (typeof value !== 'object' || value === null) return false;
  const segment = value as Partial<TranscriptSegment>;
  return (
    typeof segment.id === 'string' &&
    typeof segment.text === 'string' &&
    isSpeaker(segment.speaker) &&
    typeof segment.confidence === 'number' &&
    typeof segment.timestamp === 'string' &&
    typeof segment.isFinal === 'boolean' &&
    typeof segment.startMs === 'number' &&
    typeof segment.endMs === 'number'
  );
}
