export { AuthTestPeer, type ReceivedAuthRequest, type TestAccount } from './auth-test-peer';
