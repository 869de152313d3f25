import { Module } from '@nestjs/common';
import { TranscriptFormattingProcessor } from './transcript-formatting.processor';

/**
 * Readable transcripts (`TNT_FORMAT_TRANSCRIPTS`, on by default): its processor is found by the
 * transcript pipeline like any team's, so the composition root only decides whether to import it.
 */
@Module({ providers: [TranscriptFormattingProcessor] })
export class TranscriptFormattingModule {}
