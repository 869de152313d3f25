import { SetMetadata } from '@nestjs/common';
import type { CallInfo, Insight, TranscriptSegment } from '@tnt/protocol';

/** What a processor knows about the segment it is given, and how it tells the call what it noticed. */
export interface TranscriptContext {
  readonly call: CallInfo;
  /**
   * Raises an insight of the call (an alert, a metrics update …; see the protocol's `INSIGHT`). It is
   * numbered, stored and sent right after the segment being processed (or in its place when the
   * segment is withheld), so clients see it where it happened. Throws a `TypeError` for an insight
   * that is not well-formed (the pipeline then logs the processor's failure).
   */
  raiseInsight(insight: Insight): void;
}

/**
 * What a processor is given when a call starts being transcribed on this instance, kept for the
 * whole call: `raiseInsight` may be called at any time until the call ends (from a timer, say, when
 * nobody speaks), and the insight is published in turn with the call's segments. After the call's
 * `ended` event it is dropped (and logged), since nothing may follow `ended`.
 */
export interface LiveCallContext {
  /** The call as it was when it started here. */
  readonly call: CallInfo;
  raiseInsight(insight: Insight): void;
}

/**
 * A team's step in the transcript pipeline (PII redaction, keyword alerts, sentiment …). It
 * receives every interim and final segment before storage and fan-out and returns the segment
 * to pass on (changed or not), or `null` to withhold it. It may be async; segments of one call
 * still leave the pipeline in order.
 */
export interface TranscriptProcessor {
  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment | null | Promise<TranscriptSegment | null>;
  /**
   * Optional: a call started being transcribed on this instance (a new call, or one taken over from
   * another instance). Runs before the call's first segment reaches `process`.
   */
  callStarted?(context: LiveCallContext): void | Promise<void>;
  /**
   * Optional: the call's audio has ended and its last segments went through `process`; insights
   * raised now are published right before the call's `ended` event (a call's closing metrics, say).
   * Not called for a call this instance lost to another, whose end is not its to publish.
   */
  callEnding?(context: LiveCallContext): void | Promise<void>;
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
