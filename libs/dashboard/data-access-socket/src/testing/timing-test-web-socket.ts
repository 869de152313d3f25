import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '@tnt/protocol';

/**
 * TEST DOUBLE for timing-only specs under Jest's fake timers, where a real socket cannot run:
 * a stand-in for the browser's `WebSocket` that does nothing on its own. The spec decides when
 * it opens, greets, receives or fails; every message the service sends is recorded. Specs that
 * need a peer use {@link ProtocolTestPeer} (a real WebSocket server) instead.
 */
export class TimingTestWebSocket {
  /** Every instance created, in order: one per connection attempt. */
  static readonly created: TimingTestWebSocket[] = [];

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = this.CONNECTING;
  readonly sent: ClientMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  /** Set when the service closed it. */
  closedByClient = false;

  constructor(
    readonly url: string,
    readonly protocols?: string[],
  ) {
    TimingTestWebSocket.created.push(this);
  }

  /** A factory for `createWebSocket` that records into {@link created}. */
  static factory(): (url: string, protocols?: string[]) => WebSocket {
    return (url, protocols) => new TimingTestWebSocket(url, protocols) as unknown as WebSocket;
  }

  /** The most recent attempt. */
  static latest(): TimingTestWebSocket {
    const latest = TimingTestWebSocket.created.at(-1);
    if (!latest) throw new Error('no TimingTestWebSocket was created');
    return latest;
  }

  /** Forgets every instance (between specs). */
  static reset(): void {
    TimingTestWebSocket.created.length = 0;
  }

  /** Opens and delivers the gateway's greeting. */
  acceptAndGreet(heartbeatIntervalMs = 30_000): void {
    this.readyState = this.OPEN;
    this.onopen?.();
    this.receive({
      type: 'status',
      status: 'connected',
      protocolVersion: PROTOCOL_VERSION,
      heartbeatIntervalMs,
      connectionId: 'timing-test',
    });
  }

  /** Delivers a server message. */
  receive(message: ServerMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** Fails like a refused or dropped connection (close code 1006). */
  fail(): void {
    this.readyState = this.CLOSED;
    this.onclose?.({ code: 1006, reason: '' });
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = this.CLOSED;
  }
}
