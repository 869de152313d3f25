export {
  isEventOfCall,
  ofType,
  ProtocolClient,
  type CloseInfo,
  type MessageListener,
  type ProtocolClientOptions,
} from './lib/protocol-client';
export { ProtocolClientError, ProtocolClientErrorCode, type ProtocolClientErrorDetails } from './lib/protocol-client-error';
export { type ClientRecord, type DeliveryExpectations, deliveryViolations, type ReceivedMessage } from './lib/delivery-invariants';
