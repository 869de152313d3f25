import type { TranscriptPipeline } from '../lib/transcript-pipeline';

/**
 * A stand-in for a transcript pipeline with no processor registered. It answers only `isEmpty` (true): with that
 * answer a live call publishes segments straight to the sessions and asks the pipeline nothing else.
 */
export function emptyTranscriptPipeline(): TranscriptPipeline {
  return { isEmpty: true } as TranscriptPipeline;
}
