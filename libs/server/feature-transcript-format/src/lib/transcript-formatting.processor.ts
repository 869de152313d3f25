import { Inject, Injectable } from '@nestjs/common';
import type { TranscriptSegment } from '@tnt/protocol';
import { ProcessesTranscripts, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { createTranscriptFormatter, type TranscriptFormatter } from '@tnt/server/util-transcript-format';

/**
 * Where formatting runs in the transcript pipeline: early, so that every later processor sees
 * readable text. Redaction runs after it (order 20) and must redact both `text` and `raw`.
 */
export const TRANSCRIPT_FORMATTING_ORDER = 10;

/**
 * Makes every segment readable before it is stored and sent: `text` becomes the formatted text and
 * `raw` keeps the engine's words (see the protocol's `TRANSCRIPT_SEGMENT`). Interims are formatted
 * too, without terminal punctuation, so a line does not change style when its final arrives; the
 * rules cost microseconds per segment.
 */
@Injectable()
@ProcessesTranscripts({ order: TRANSCRIPT_FORMATTING_ORDER })
export class TranscriptFormattingProcessor implements TranscriptProcessor {
  private readonly format: TranscriptFormatter;

  constructor(@Inject(TNT_CONFIG) config: TntConfig) {
    this.format = createTranscriptFormatter({ properNouns: config.transcriptFormat.properNouns });
  }

  process(segment: TranscriptSegment): TranscriptSegment {
    // A processor before this one may already have kept the engine's words.
    return { ...segment, text: this.format(segment.text, { isFinal: segment.isFinal }), raw: segment.raw ?? segment.text };
  }
}
