import { ERROR_CODES, isClientMessageType, TntError, type ErrorCode } from '@tnt/protocol';
import { DEFAULT_MAX_JSON_DEPTH, exceedsJsonDepth } from '@tnt/server/util-rate-limit';
import { validateClientMessage } from './inbound-validation';

/** Event name under which rejected frames reach the gateway, so none is dropped silently. */
export const REJECTED_FRAME_EVENT = 'tnt:rejected-frame';

/** A frame routed to a gateway handler, in the `{event, data}` form `@nestjs/platform-ws` expects. */
export interface RoutedFrame {
  event: string;
  data: unknown;
}

/**
 * Turns one UI-socket frame into a routed `{event, data}`: valid client messages (checked with
 * class-validator, through DTOs generated from the protocol's schemas) go to the handler named by
 * their `type` as DTOs; anything else goes to {@link REJECTED_FRAME_EVENT} carrying the
 * {@link TntError} to answer with. Text frames arrive as strings, binary frames as Buffers.
 */
export function parseFrame(frame: unknown, maxFrameBytes: number, maxJsonDepth = DEFAULT_MAX_JSON_DEPTH): RoutedFrame {
  const isText = typeof frame === 'string';
  const size = isText ? Buffer.byteLength(frame) : Buffer.isBuffer(frame) ? frame.length : 0;
  if (size > maxFrameBytes) {
    // MESSAGE_TOO_LARGE closes with 1009 (see ERROR_CODE_ANSWERS).
    return rejected(ERROR_CODES.MESSAGE_TOO_LARGE, `frame of ${size} bytes exceeds the limit of ${maxFrameBytes} bytes`);
  }
  if (!isText) return rejected(ERROR_CODES.BINARY_NOT_SUPPORTED, 'binary frames are not accepted; send JSON text');
  if (exceedsJsonDepth(frame, maxJsonDepth)) return rejected(ERROR_CODES.JSON_TOO_DEEP, `JSON nests deeper than ${maxJsonDepth} levels`);
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch (error) {
    return rejected(ERROR_CODES.INVALID_JSON, `frame is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return rejected(ERROR_CODES.INVALID_MESSAGE, 'a message must be a JSON object with a string "type"');
  }
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string') {
    return rejected(ERROR_CODES.INVALID_MESSAGE, 'a message must be a JSON object with a string "type"');
  }
  if (!isClientMessageType(type)) {
    return rejected(ERROR_CODES.UNKNOWN_MESSAGE_TYPE, `unknown message type ${JSON.stringify(type.slice(0, 64))}`);
  }
  const validated = validateClientMessage(type, message);
  return validated instanceof TntError ? { event: REJECTED_FRAME_EVENT, data: validated } : { event: type, data: validated };
}

function rejected(code: ErrorCode, message: string): RoutedFrame {
  return { event: REJECTED_FRAME_EVENT, data: new TntError(code, message) };
}
