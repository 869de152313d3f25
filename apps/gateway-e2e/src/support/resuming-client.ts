import type { AllCallsPositions, CallEventMessage, CallMessage, ServerMessage } from '@tnt/protocol';
import { isEventOfCall, ProtocolClient, type ClientRecord, type ReceivedMessage } from '@tnt/tools/util-protocol-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of {@link ResumingClient.open}. */
export interface ResumingClientOptions {
  readonly name: string;
  /** `ws://…/ws` of the load balancer (or of one instance, for a witness). */
  readonly url: string;
  readonly token: string;
  /** `'*'` for a supervisor's board, a call id for an agent's call. */
  readonly callId: string;
  /** How long to keep trying to connect again after the connection dropped (default 20000 ms). */
  readonly reconnectForMs?: number;
}

/**
 * A UI client as the dashboard behaves: it subscribes once, and when its connection drops it
 * connects again (through the load balancer, so to whichever instance takes it) and subscribes
 * with `since`, its position in every call it follows. Everything it receives, over all its
 * connections, is kept in order for {@link deliveryViolations}.
 */
export class ResumingClient {
  readonly received: ReceivedMessage[] = [];
  /** How many connections it has opened (1 while it never had to resume). */
  connections = 0;
  private current: ProtocolClient | undefined;
  private readonly positions = new Map<string, number>();
  private stopped = false;
  private resuming: Promise<void> | undefined;
  private resumeFailure: Error | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly options: ResumingClientOptions) {}

  /** Connects, subscribes (without `since`) and resolves once subscribed. */
  static async open(options: ResumingClientOptions): Promise<ResumingClient> {
    const client = new ResumingClient(options);
    await client.connect();
    return client;
  }

  get name(): string {
    return this.options.name;
  }

  /** The record the invariants are checked on; `calls` limits the check to the calls it must have followed. */
  record(calls?: readonly string[]): ClientRecord {
    return { name: this.options.name, received: this.received, ...(calls ? { calls } : {}) };
  }

  /**
   * Whether each resumption (a `subscribe` with `since` after a dropped connection) recovered the
   * missed events of `callId` (`true`) or got a snapshot (`false`), in order.
   */
  resumptionsOf(callId: string): boolean[] {
    return this.received.flatMap(({ connection, message }) => {
      if (connection === 1 || message.type !== 'subscribed') return [];
      const recovered = message.callId === '*' ? message.recoveredCalls?.[callId] : message.recovered;
      return recovered === undefined ? [] : [recovered];
    });
  }

  /** Every call event of `callId` received (transcripts, call changes, insights), in order. */
  eventsOf(callId: string): CallEventMessage[] {
    return this.received.map((entry) => entry.message).filter((message) => isEventOfCall(message, callId));
  }

  /** The highest seq received of `callId` (an event or a snapshot), 0 when none. */
  lastSeqOf(callId: string): number {
    return this.positions.get(callId) ?? 0;
  }

  /** Resolves once `matches` holds for the messages received so far; rejects after `timeoutMs` naming `what`. */
  async until(matches: (client: ResumingClient) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (matches(this)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!matches(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `${this.name}: timed out after ${timeoutMs} ms waiting until ${what}; last: ${JSON.stringify(this.received.slice(-3))}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Resolves once the call's `ended` event (or an ended snapshot) has arrived. */
  untilEnded(callId: string, timeoutMs?: number): Promise<void> {
    return this.until((client) => client.endedEvent(callId) !== undefined, `call ${callId} ended`, timeoutMs);
  }

  /** The call's `ended` event, if it arrived. */
  endedEvent(callId: string): CallMessage | undefined {
    return this.eventsOf(callId).find((event): event is CallMessage => event.type === 'call' && event.event === 'ended');
  }

  /** Resolves once a resumption that is under way (after a dropped connection) has subscribed again. */
  async resumed(): Promise<void> {
    await this.resuming;
    if (this.resumeFailure) throw this.resumeFailure;
  }

  /**
   * Resolves once the instance serving the client has answered a ping: every message it sent
   * before has arrived then (one socket keeps order).
   */
  async settled(): Promise<void> {
    await this.resumed();
    await this.current?.ping();
  }

  /** Closes the connection for good; no resumption follows. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.resuming?.catch(() => undefined);
    const client = this.current;
    if (client) await client.close().catch(() => client.socket.terminate());
  }

  private async connect(): Promise<void> {
    const client = await ProtocolClient.connect(this.options.url, { token: this.options.token });
    const connection = ++this.connections;
    this.current = client;
    client.onMessage((message) => this.receive(connection, message));
    void client.closed.then(() => {
      if (this.stopped || this.current !== client) return;
      this.resuming = this.resume().catch((error: Error) => {
        this.resumeFailure = error;
      });
    });
    try {
      await client.subscribe(this.options.callId, this.since());
    } catch (error) {
      this.current = undefined;
      client.socket.terminate();
      throw error;
    }
  }

  /** Connects again until it works or `reconnectForMs` passed, then subscribes from where it was. */
  private async resume(): Promise<void> {
    const deadline = Date.now() + (this.options.reconnectForMs ?? 20_000);
    for (;;) {
      if (this.stopped) return;
      try {
        await this.connect();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${this.name} could not resume: ${String(error)}`);
        await sleep(200);
      }
    }
  }

  /** The `since` of a resumption: nothing at first, then the seq held of the call or of each call. */
  private since(): number | AllCallsPositions | undefined {
    if (this.connections === 1) return undefined;
    if (this.options.callId !== '*') return this.positions.get(this.options.callId) ?? 0;
    return Object.fromEntries(this.positions);
  }

  private receive(connection: number, message: ServerMessage): void {
    this.received.push({ connection, message });
    // Every message numbered in a call's seq moves the position: events of any kind, and snapshots.
    const seq = (message as { seq?: unknown }).seq;
    const position =
      typeof seq !== 'number'
        ? undefined
        : { callId: message.type === 'call' ? message.call.id : (message as { callId: string }).callId, seq };
    if (position) this.positions.set(position.callId, Math.max(this.positions.get(position.callId) ?? 0, position.seq));
    for (const waiter of [...this.waiters]) waiter();
  }
}
