export { isSpeaker, type Speaker, SPEAKERS } from './lib/speaker';
export { type CallEndReason, type CallEventKind, type CallInfo, type CallStatus, isCallInfo } from './lib/call';
export { CALL_ID_MAX_LENGTH, CALL_ID_PATTERN, CALL_ID_RULE, isCallId } from './lib/call-id';
export { isTranscriptSegment, type TranscriptSegment } from './lib/transcript';
export {
  type CallEventMessage,
  callIdOf,
  type CallMessage,
  type ConnectionStatus,
  type ErrorMessage,
  isCallEventMessage,
  isCallMessage,
  isErrorMessage,
  isPongMessage,
  isServerMessage,
  isSnapshotMessage,
  isStatusMessage,
  isSubscribedMessage,
  isTranscriptMessage,
  isUnsubscribedMessage,
  type PongMessage,
  type ServerMessage,
  type ServerMessageType,
  type SnapshotMessage,
  type StatusMessage,
  type SubscribedMessage,
  type TranscriptMessage,
  type UnsubscribedMessage,
} from './lib/server-messages';
export {
  type AllCallsPositions,
  CLIENT_MESSAGE_TYPES,
  type ClientMessage,
  type ClientMessageType,
  isClientMessageType,
  MAX_ALL_CALLS_POSITIONS,
  type PingMessage,
  type SubscribeMessage,
  type UnsubscribeMessage,
} from './lib/client-messages';
export { ERROR_CODES, type ErrorCode, isErrorCode } from './lib/error-codes';
export { CLOSE_CODES, type CloseCode } from './lib/close-codes';
export { ALL_CALLS, PROTOCOL_VERSION, UI_SOCKET_PATH } from './lib/protocol-version';
