export { GENERIC_STATUS, type LanguageTestPeer, startLanguagePeer } from './language-test-peer';
export { LANGUAGE_TEST_SUPERVISOR, type LanguageTestSession, startLanguageTestSession } from './language-test-session';
export { ManualPollScheduler } from './manual-poll-scheduler';
