export { type CardsTestPeer, startCardsPeer } from './cards-test-peer';
