export { offeredBearerToken, PeerConnection, ProtocolTestPeer, type ProtocolTestPeerOptions } from './protocol-test-peer';
export { TimingTestWebSocket } from './timing-test-web-socket';
