export { aHistoryCall, aStoredCall, aStoredSegment } from './history-fixtures';
export { listStoredCalls, PeerValidationError, renderStoredTranscript, transcriptFormatOf } from './history-test-search';
export { HistoryTestPeer, type PeerTokenVerdict, type ReceivedHistoryRequest } from './history-test-peer';
export { HISTORY_TEST_ACCOUNTS, type HistoryTestSession, startHistoryTestSession } from './history-test-session';
