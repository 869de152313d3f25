import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TranscriptSegment } from '@tnt/protocol';
import {
  ProcessesTranscripts,
  RepeatedInputMemo,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
} from '@tnt/server/feature-transcription';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { PII_ENTITIES } from './pii-entities';
import { PiiRedactor, type Redaction } from './pii-redactor';
import { REDACTION_OPTIONS, type RedactionOptions } from './redaction-options';
import { SpeakerCarry } from './speaker-carry';

/** Fields of a segment that hold no words: everything else that is a string is redacted. */
const FIELDS_WITHOUT_WORDS = new Set(['id', 'speaker', 'timestamp', 'engine']);
/** What every text field of a segment becomes when redaction itself failed: nothing of it leaves. */
export const REDACTION_FAILED_TEXT = '[REDACTION FAILED]';

/** What the redactor reads for one text field: the text, and the words carried from the speaker's previous final. */
interface RedactionInput {
  readonly text: string;
  readonly previous: readonly string[];
}

/**
 * The same text read after the same carried words is redacted the same way. The carry hands out the
 * array it holds, so one held array (or none: empty) is the same carry.
 */
function sameRedactionInput(held: RedactionInput, given: RedactionInput): boolean {
  return held.text === given.text && (held.previous === given.previous || (held.previous.length === 0 && given.previous.length === 0));
}

/**
 * PII redaction, the first step of the transcript pipeline (order 20, right after a formatter at
 * 10): every string field of every interim and final segment that holds words (`text`, a
 * formatter's `raw` engine text, string annotations) is redacted before anything stores, logs,
 * sends or exports it. A number or address said across two segments of one speaker is caught
 * by reading the end of the speaker's previous final in front of each segment.
 *
 * An interim with the same words as the speaker's previous one (no new word heard since), after the
 * same carried words, is not read again: it gets the previous answer, counted again in the metrics.
 *
 * It fails closed: should redacting throw, the segment leaves with every text field replaced
 * (annotated `redactionFailed`), never as it came in, and never dropped.
 */
@Injectable()
@ProcessesTranscripts({ order: 20 })
export class RedactionProcessor implements TranscriptProcessor {
  private readonly logger = new Logger(RedactionProcessor.name);
  private readonly redactor: PiiRedactor;
  private readonly carry: SpeakerCarry;
  private readonly redactions: CounterMetric;
  private readonly failures: CounterMetric;
  /** The last redaction of each call's speaker's text fields (two speakers, `text` and `raw`). */
  private readonly lastRedaction: RedactionMemo;

  constructor(@Inject(REDACTION_OPTIONS) options: RedactionOptions, @Inject(METRICS) metrics: MetricsRegistry) {
    this.redactor = new PiiRedactor({ entities: new Set(options.entities), latestBirthYear: options.latestBirthYear });
    this.carry = new SpeakerCarry(options.carryWindowMs, options.carriedCalls);
    this.lastRedaction = new RepeatedInputMemo(options.carriedCalls * 4, sameRedactionInput);
    this.redactions = metrics.counter({
      name: 'tnt_redactions_total',
      help: 'Personal data replaced by a placeholder',
      labelNames: ['entity'],
    });
    this.failures = metrics.counter({
      name: 'tnt_redaction_failures_total',
      help: 'Segments whose redaction failed and that left blanked',
    });
    for (const entity of PII_ENTITIES) this.redactions.inc({ entity }, 0);
  }

  /** The call's last lines (and carried words) are not kept once its last segments went through. */
  callEnding(context: LiveCallContext): void {
    this.lastRedaction.forget(`${context.call.id}\u0000`);
    this.carry.forget(context.call.id);
  }

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    try {
      return this.redact(segment, context.call.id);
    } catch (error) {
      this.failures.inc();
      // The message and stack name no text: the segment's words must not reach the log either.
      this.logger.error(
        `redaction failed on call ${context.call.id} segment ${segment.id}; its text was replaced: ${describe(error)}. ` +
          'Report it with the stack above; the call goes on.',
      );
      return blanked(segment);
    }
  }

  private redact(segment: TranscriptSegment, callId: string): TranscriptSegment {
    const redacted: Record<string, unknown> = { ...segment };
    let found = 0;
    for (const [field, value] of Object.entries(segment)) {
      if (typeof value !== 'string' || FIELDS_WITHOUT_WORDS.has(field)) continue;
      const input = { text: value, previous: this.carry.wordsBefore(callId, segment, field) };
      const result = this.lastRedaction.get(`${callId}\u0000${segment.speaker}\u0000${field}`, input, this.redactInput);
      if (segment.isFinal) this.carry.remember(callId, segment, field, result.carry);
      redacted[field] = result.text;
      found += this.count(result.entities);
    }
    let annotations = segment.annotations;
    if (annotations) {
      annotations = { ...annotations };
      for (const [name, value] of Object.entries(annotations)) {
        if (typeof value !== 'string') continue;
        const result = this.redactor.redact(value);
        annotations[name] = result.text;
        found += this.count(result.entities);
      }
    }
    if (found > 0) annotations = { ...annotations, redacted: true };
    return { ...(redacted as TranscriptSegment), ...(annotations ? { annotations } : {}) };
  }

  private readonly redactInput = (input: RedactionInput): Redaction => this.redactor.redact(input.text, input.previous);

  private count(entities: readonly string[]): number {
    for (const entity of entities) this.redactions.inc({ entity });
    return entities.length;
  }
}

type RedactionMemo = RepeatedInputMemo<RedactionInput, Redaction>;

/** The segment with every field that may hold words replaced, for when redaction failed. */
function blanked(segment: TranscriptSegment): TranscriptSegment {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(segment)) {
    copy[field] = typeof value === 'string' && !FIELDS_WITHOUT_WORDS.has(field) ? REDACTION_FAILED_TEXT : value;
  }
  const annotations: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(segment.annotations ?? {})) {
    annotations[name] = typeof value === 'string' ? REDACTION_FAILED_TEXT : value;
  }
  return { ...(copy as TranscriptSegment), annotations: { ...annotations, redactionFailed: true } };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : typeof error;
}
