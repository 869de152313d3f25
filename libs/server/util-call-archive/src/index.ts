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
