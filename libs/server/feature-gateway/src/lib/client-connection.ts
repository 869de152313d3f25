import type { CallInfo, ServerMessage } from '@tnt/protocol';
import type { EventSubscriber } from '@tnt/server/feature-sessions';
import type { WebSocket } from 'ws';

/** One UI WebSocket: what it is subscribed to is held by the session service; this sends. */
export class ClientConnection implements EventSubscriber {
  /** Set when a ping frame is out and its pong has not come back. */
  awaitingPong = false;

  constructor(readonly id: string, readonly socket: WebSocket, readonly remoteAddress: string) {}

  canSee(_call: CallInfo): boolean {
    return true;
  }

  deliver(json: string): void {
    this.sendRaw(json);
  }

  /** Serialises and sends one message. */
  send(message: ServerMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends text that is already serialised (shared by every receiver of a broadcast). */
  sendRaw(json: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(json);
  }

  /** True while the socket can still carry messages. */
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }
}
