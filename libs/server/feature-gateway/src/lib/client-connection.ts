import { CLOSE_CODES, ERROR_CODES, type CallEventMessage, type CallInfo, type ServerMessage } from '@tnt/protocol';
import { canSeeCall, type Principal } from '@tnt/server/feature-auth';
import type { EventSubscriber } from '@tnt/server/feature-sessions';
import { SubscriptionQuota } from '@tnt/server/util-rate-limit';
import type { WebSocket } from 'ws';
import { OutboundQueue } from './outbound-queue';
import type { BroadcastWriter, WireSocket } from './broadcast-writer';

/**
 * Bytes `ws` may hold for a socket before further messages wait in the connection's own queue,
 * where superseded interims can still be dropped (once handed to `ws` they cannot).
 */
const SOCKET_HIGH_WATER_BYTES = 64 * 1024;

/** What a connection reports to whoever keeps count. */
export interface ConnectionObserver {
  onMessageSent(): void;
  onSlowConsumer(connection: ClientConnection): void;
}

/**
 * One UI WebSocket. Sends go straight to the socket while it keeps up; while it is congested
 * they wait in a bounded {@link OutboundQueue}; a client that falls further behind than
 * `maxQueuedBytes` gets `SLOW_CONSUMER` and close 1013 and can resume with `since`.
 */
export class ClientConnection implements EventSubscriber {
  /** Set when a ping frame is out and its pong has not come back. */
  awaitingPong = false;
  /** The peer's address, kept for logs after the socket is gone. */
  readonly remoteAddress: string;
  private readonly queue = new OutboundQueue();
  private cutOff = false;
  private readonly framesAreShared: boolean;
  /** What the writer returned for this connection's last write. */
  private lastWriteTurn = -1;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    /** The TCP (or TLS) socket under `socket`. */
    private readonly wire: WireSocket & { readonly remoteAddress?: string },
    private readonly writer: BroadcastWriter,
    private readonly maxQueuedBytes: number,
    private readonly observer: ConnectionObserver,
    /** Who this connection authenticated as at the upgrade. */
    readonly principal: Principal,
    /** The subscriptions this connection holds, capped by TNT_MAX_SUBSCRIPTIONS_PER_CONNECTION. */
    readonly subscriptions: SubscriptionQuota,
  ) {
    this.remoteAddress = wire.remoteAddress ?? 'unknown';
    // A frame built once for all is only right when no extension (compression) rewrites frames.
    this.framesAreShared = socket.extensions === '';
  }

  canSee(call: CallInfo): boolean {
    return canSeeCall(this.principal, call);
  }

  deliver(json: string, event: CallEventMessage): void {
    this.enqueueOrSend(json, event);
  }

  /** Serialises and sends one message. */
  send(message: ServerMessage): void {
    this.enqueueOrSend(JSON.stringify(message));
  }

  /** Moves waiting messages to the socket as far as it takes them (called when the socket drains). */
  flush(): void {
    if (this.queue.isEmpty || !this.isOpen) return;
    this.queue.drain(
      () => this.socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES,
      (json) => this.write(json),
    );
  }

  /** Drops what is waiting: the socket has closed (Nest may keep the closed socket referenced). */
  dispose(): void {
    this.queue.clear();
  }

  /** Bytes waiting in this connection's queue. */
  get queuedBytes(): number {
    return this.queue.bytes;
  }

  /** True while the socket can still carry messages. */
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN && !this.cutOff;
  }

  private enqueueOrSend(json: string, event?: CallEventMessage): void {
    if (!this.isOpen) return;
    if (this.queue.isEmpty && this.socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES) {
      this.write(json);
      return;
    }
    // The segment key is built only on this congested path: the common path stays allocation-free.
    if (event?.type === 'transcript') {
      this.queue.push(json, `${event.callId}\u0000${event.transcript.id}`, !event.transcript.isFinal);
    } else {
      this.queue.push(json);
    }
    if (this.queue.bytes > this.maxQueuedBytes) this.cutOffSlowConsumer();
  }

  private write(json: string): void {
    // Without extensions `ws` writes its own frames (sends, pings, closes) to this same socket
    // synchronously, so they and the frames written here reach the peer in call order, and
    // `bufferedAmount` counts both; ws-contract.spec.ts fails if an upgrade of either `ws` copy
    // (ours, or the one @nestjs/platform-ws makes the sockets with) changes that.
    if (this.framesAreShared) this.lastWriteTurn = this.writer.write(this.wire, json, this.lastWriteTurn);
    else this.socket.send(json);
    this.observer.onMessageSent();
  }

  private cutOffSlowConsumer(): void {
    const waiting = this.queue.bytes;
    this.cutOff = true;
    this.queue.clear();
    this.socket.send(
      JSON.stringify({
        type: 'error',
        code: ERROR_CODES.SLOW_CONSUMER,
        message: `${waiting} bytes were waiting for this connection (limit ${this.maxQueuedBytes}); reconnect and subscribe with since`,
        timestamp: new Date().toISOString(),
      } satisfies ServerMessage),
    );
    this.socket.close(CLOSE_CODES.TRY_AGAIN_LATER, ERROR_CODES.SLOW_CONSUMER);
    this.observer.onSlowConsumer(this);
  }
}
