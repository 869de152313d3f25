export {
  type ArchivedCall,
  CALL_ARCHIVE,
  type CallArchive,
  type CallListPage,
  type CallListQuery,
  type CallTranscript,
  MATCHES_PER_CALL,
} from './lib/call-archive';
export { ArchiveQueryError, ArchiveUnavailableError } from './lib/archive-errors';
export { decodeCallCursor, encodeCallCursor } from './lib/call-cursor';
export { type HighlightedText, MATCH_CLOSE, MATCH_OPEN, readHighlights } from './lib/highlight';
export { MAX_SEARCH_LENGTH, searchWords } from './lib/search-words';
export { mergeBySeq } from './lib/merge-by-seq';
