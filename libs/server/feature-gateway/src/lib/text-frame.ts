/** FIN set, opcode 1: the whole message in one text frame. */
const FINAL_TEXT_FRAME = 0x81;
/** Payload lengths from here up take a 16-bit extended length; from 2^16 a 64-bit one. */
const SIXTEEN_BIT_LENGTH = 126;
const SIXTY_FOUR_BIT_LENGTH = 127;

/**
 * `text` as one unmasked WebSocket text frame (RFC 6455 §5.2), the form a server sends. Without
 * extensions the frame is the same for every recipient, so a broadcast builds it once.
 */
export function textFrame(text: string): Buffer {
  const payloadBytes = Buffer.byteLength(text);
  const headerBytes = payloadBytes < SIXTEEN_BIT_LENGTH ? 2 : payloadBytes < 2 ** 16 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + payloadBytes);
  frame[0] = FINAL_TEXT_FRAME;
  if (headerBytes === 2) {
    frame[1] = payloadBytes;
  } else if (headerBytes === 4) {
    frame[1] = SIXTEEN_BIT_LENGTH;
    frame.writeUInt16BE(payloadBytes, 2);
  } else {
    frame[1] = SIXTY_FOUR_BIT_LENGTH;
    frame.writeBigUInt64BE(BigInt(payloadBytes), 2);
  }
  frame.write(text, headerBytes, 'utf8');
  return frame;
}
