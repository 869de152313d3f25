export { TranscriptFormattingModule } from './lib/transcript-formatting.module';
export { TRANSCRIPT_FORMATTING_ORDER, TranscriptFormattingProcessor } from './lib/transcript-formatting.processor';
