export {
  AUDIOHOOK_SIGNED_COMPONENTS,
  NonceRegistry,
  type RefusedSignature,
  SIGNATURE_CLOCK_SKEW_SECONDS,
  type SignatureCheck,
  signAudioHookRequest,
  type SignedRequest,
  verifyHttpMessageSignature,
  type VerifiedSignature,
} from './lib/http-message-signature';
export { MemoryNonceStore, type NonceStore } from './lib/nonce-store';
export { AudioHookClient, type AudioHookClientOptions, type AudioHookServerMessage, AudioHookUpgradeRefused } from './lib/audiohook-client';
