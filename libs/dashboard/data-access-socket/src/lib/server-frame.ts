import { SERVER_MESSAGE, validate, type ServerMessage } from '@tnt/protocol';

/** A frame that is not a server message, and why. */
export interface RejectedFrame {
  readonly problem: string;
  readonly detail?: unknown;
}

/**
 * Reads one WebSocket frame as a server message (checked against the protocol's `SERVER_MESSAGE`
 * schema), or says why it is not one (`detail.issue` names the field at fault).
 */
export function parseServerFrame(data: unknown): ServerMessage | RejectedFrame {
  if (typeof data !== 'string') return { problem: 'a binary frame; the UI socket speaks JSON text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    return { problem: 'a frame that is not JSON', detail: error };
  }
  const checked = validate(SERVER_MESSAGE, parsed);
  // The parsed frame itself is kept: fields a newer server added stay visible to consumers.
  return checked.ok
    ? (parsed as ServerMessage)
    : { problem: 'a malformed server message', detail: { issue: checked.message, frame: parsed } };
}

/** True when {@link parseServerFrame} rejected the frame. */
export function isRejectedFrame(value: ServerMessage | RejectedFrame): value is RejectedFrame {
  return 'problem' in value;
}
