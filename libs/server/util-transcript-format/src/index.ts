export {
  createTranscriptFormatter,
  type FormatContext,
  type TranscriptFormatter,
  type TranscriptFormatterOptions,
} from './lib/format-transcript';
export { BUILT_IN_PROPER_NOUNS } from './lib/lexicon';
