import { SetMetadata } from '@nestjs/common';
import type { CallInfo, TranscriptSegment } from '@tnt/protocol';

/** What a processor knows about the segment it is given. */
export interface TranscriptContext {
  readonly call: CallInfo;
}

/**
 * A team's step in the transcript pipeline (PII redaction, keyword alerts, sentiment …). It
 * receives every interim and final segment before storage and fan-out and returns the segment
 * to pass on (changed or not), or `null` to withhold it. It may be async; segments of one call
 * still leave the pipeline in order.
 */
export interface TranscriptProcessor {
  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment | null | Promise<TranscriptSegment | null>;
}

/** Metadata key marking a provider as a transcript processor. */
export const TRANSCRIPT_PROCESSOR_METADATA = 'tnt:transcript-processor';

/** Options of {@link ProcessesTranscripts}. */
export interface TranscriptProcessorOptions {
  /** Lower runs first; processors with the same order run in registration order. Default 100. */
  readonly order?: number;
}

/**
 * Registers an injectable class as a {@link TranscriptProcessor}. Put it on a provider of any
 * Nest module in the application; the pipeline finds it at start-up.
 */
export const ProcessesTranscripts = (options: TranscriptProcessorOptions = {}): ClassDecorator =>
  SetMetadata(TRANSCRIPT_PROCESSOR_METADATA, { order: options.order ?? 100 });
