import type { TranscriptSegment } from '@tnt/protocol';

/** Segments whose engine confidence is below this are marked as uncertain on screen. */
export const LOW_CONFIDENCE_THRESHOLD = 0.6;

/**
 * True when the engine was unsure of a final segment (confidence below
 * {@link LOW_CONFIDENCE_THRESHOLD}). Interims are never marked: engines report their confidence
 * differently (pocketsphinx gives only a stability figure) and they are replaced anyway.
 */
export function isLowConfidence(segment: TranscriptSegment, threshold = LOW_CONFIDENCE_THRESHOLD): boolean {
  return segment.isFinal && segment.confidence < threshold;
}

/** The confidence as a whole percentage, e.g. `0.457` → `46%`. */
export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
