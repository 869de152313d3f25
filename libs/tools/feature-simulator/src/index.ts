export { type CallAudio } from './lib/call-audio';
export { IngestClosedEarly } from './lib/ingest-closed-early';
export { type SimulatedCall, streamL16Call } from './lib/l16-call';
export { closed, openSocket } from './lib/open-socket';
export { UpgradeRefused } from './lib/upgrade-refused';
export { type CallFailure, type IngestEndpoint, runSimulation, type SimulationOptions } from './lib/run-simulation';
export { type WatchedCall } from './lib/transcript-watcher';
export { fixtureConversations, synthesisedConversations, wavConversation } from './lib/conversation-sources';
export { credentialsFromEnvironment, type GatewayCredentials, ingestHeaders } from './lib/gateway-credentials';
export { type SimulatedCallResult, SimulationSummary } from './lib/simulation-summary';
export {
  AUDIOHOOK_STEREO_L16,
  AUDIOHOOK_STEREO_PCMU,
  type AudioHookGap,
  type AudioHookStreamOptions,
  streamAudioHookCall,
} from './lib/audiohook-call';
