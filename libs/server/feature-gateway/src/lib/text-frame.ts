import WebSocket from 'ws';

/** The options of `ws`'s `Sender.frame` that a server's unfragmented, uncompressed text frame needs. */
interface FrameOptions {
  readonly fin: boolean;
  readonly opcode: number;
  readonly mask: boolean;
  readonly readOnly: boolean;
  readonly rsv1: boolean;
}

/** `ws`'s `Sender`, as far as it is used here (`@types/ws` does not declare it). */
interface WsSender {
  frame(data: Buffer, options: FrameOptions): Buffer[];
}

const TEXT_OPCODE = 0x01;
/**
 * One whole text message (FIN), unmasked as a server's frames are (RFC 6455 §5.1), no RSV1 since no
 * compression is negotiated when frames are shared. `readOnly: false`: the payload is a buffer made here.
 */
const SERVER_TEXT_FRAME: FrameOptions = { fin: true, opcode: TEXT_OPCODE, mask: false, readOnly: false, rsv1: false };

const sender = (WebSocket as unknown as { Sender?: Partial<WsSender> }).Sender;
if (typeof sender?.frame !== 'function') {
  // Fail at start-up rather than on the first broadcast; ws-contract.spec.ts says what else is relied on.
  throw new Error('the installed ws does not export Sender.frame; the gateway builds its broadcast frames with it');
}
const frameWithWs = sender.frame.bind(sender) as WsSender['frame'];

/**
 * `text` as one WebSocket text frame, built by `ws`'s own `Sender.frame` (the static method `ws`
 * exports so that a broadcast frames a message once). Without extensions the frame is the same for
 * every recipient. `ws` returns the header and the payload apart; they are joined here, once per
 * message, so that each socket gets one write per frame however many sockets there are.
 */
export function textFrame(text: string): Buffer {
  const parts = frameWithWs(Buffer.from(text, 'utf8'), SERVER_TEXT_FRAME);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
