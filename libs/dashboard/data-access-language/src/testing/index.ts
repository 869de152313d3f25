export { GENERIC_STATUS, type LanguageTestPeer, startLanguagePeer } from './language-test-peer';
export { ManualPollScheduler } from './manual-poll-scheduler';
