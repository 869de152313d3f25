import { isServerMessage, type ServerMessage } from '@tnt/protocol';

/** A frame that is not a server message, and why. */
export interface RejectedFrame {
  readonly problem: string;
  readonly detail?: unknown;
}

/** Reads one WebSocket frame as a server message, or says why it is not one. */
export function parseServerFrame(data: unknown): ServerMessage | RejectedFrame {
  if (typeof data !== 'string') return { problem: 'a binary frame; the UI socket speaks JSON text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    return { problem: 'a frame that is not JSON', detail: error };
  }
  return isServerMessage(parsed) ? parsed : { problem: 'a malformed server message', detail: parsed };
}

/** True when {@link parseServerFrame} rejected the frame. */
export function isRejectedFrame(value: ServerMessage | RejectedFrame): value is RejectedFrame {
  return 'problem' in value;
}
