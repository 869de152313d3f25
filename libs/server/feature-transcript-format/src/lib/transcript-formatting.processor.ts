import { Inject, Injectable } from '@nestjs/common';
import type { TranscriptSegment } from '@tnt/protocol';
import {
  ProcessesTranscripts,
  RepeatedInputMemo,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
} from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { createTranscriptFormatter, type TranscriptFormatter } from '@tnt/server/util-transcript-format';

/**
 * Where formatting runs in the transcript pipeline: early, so that every later processor sees
 * readable text. Redaction runs after it (order 20) and must redact both `text` and `raw`.
 */
export const TRANSCRIPT_FORMATTING_ORDER = 10;

/** Lines (a call's speaker) whose last formatted text is remembered: two per call of a busy gateway, with room to spare. */
const REMEMBERED_LINES = 20_000;

/** What the formatter is given: the engine's words, and whether the segment is final. */
interface FormatInput {
  readonly text: string;
  readonly isFinal: boolean;
}

/**
 * Makes every segment readable before it is stored and sent: `text` becomes the formatted text and
 * `raw` keeps the engine's words (see the protocol's `TRANSCRIPT_SEGMENT`). Interims are formatted
 * too, without terminal punctuation, so a line does not change style when its final arrives; the
 * rules cost microseconds per segment, and an interim with the same words as the speaker's previous
 * one (no new word heard since) is not formatted again.
 */
@Injectable()
@ProcessesTranscripts({ order: TRANSCRIPT_FORMATTING_ORDER })
export class TranscriptFormattingProcessor implements TranscriptProcessor {
  private readonly format: TranscriptFormatter;
  private readonly lastFormatted = new RepeatedInputMemo<FormatInput, string>(
    REMEMBERED_LINES,
    (held, given) => held.text === given.text && held.isFinal === given.isFinal,
  );

  constructor(@Inject(TNT_CONFIG) config: TntConfig) {
    this.format = createTranscriptFormatter({ properNouns: config.transcriptFormat.properNouns });
  }

  /** The call's last lines are not kept once its last segments went through. */
  callEnding(context: LiveCallContext): void {
    this.lastFormatted.forget(`${context.call.id}\u0000`);
  }

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    const text = this.lastFormatted.get(`${context.call.id}\u0000${segment.speaker}`, segment, this.formatInput);
    // A processor before this one may already have kept the engine's words.
    return { ...segment, text, raw: segment.raw ?? segment.text };
  }

  private readonly formatInput = (input: FormatInput): string => this.format(input.text, { isFinal: input.isFinal });
}
