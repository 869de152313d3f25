import { ALL_CALLS, MAX_ALL_CALLS_POSITIONS, type ServerMessage, type SubscribedMessage } from '@tnt/protocol';
import { ProtocolClient, ProtocolClientError } from '@tnt/tools/util-protocol-client';
import { setTimeout as delay } from 'node:timers/promises';
import { DeliveryTracker } from '../transport/delivery-tracker';

/** How long one connection attempt, subscription or whole reconnection may take. */
const ATTEMPT_TIMEOUT_MS = 5000;
const RECONNECT_GIVE_UP_MS = 30_000;
const RETRY_MS = 50;

/** One time a client lost its connection and came back. */
export interface Resumption {
  /** `performance.now()` when the socket closed. */
  readonly lostAt: number;
  /** When the resumed subscription had delivered every event up to what the server held when it answered (undefined: never). */
  caughtUpAt?: number;
  /** Calls the server answered `recovered: false` for (a snapshot instead of the missed events). */
  notRecovered: number;
  /** Connection attempts it took. */
  attempts: number;
  /** When the new connection said `connected`, and when its subscription was answered. */
  connectedAt?: number;
  subscribedAt?: number;
}

/** An event that arrived again (its `seq` was already held), with where the client stood. */
export interface Duplicate {
  readonly callId: string;
  readonly seq: number;
  readonly held: number;
  readonly type: string;
  /** ms since the client last lost its socket (undefined: it never did). */
  readonly msAfterLoss?: number;
}

/**
 * A dashboard that does what the real one does when its socket drops: it connects again (through
 * the load balancer, so to another instance) and subscribes with `since`, the last `seq` it holds of
 * each call, so the server replays what it missed. Counts every event by `seq` and notes when each
 * call's `ended` arrived.
 */
export class ResumingClient {
  readonly tracker = new DeliveryTracker();
  /** `performance.now()` when each call's `ended` event arrived. */
  readonly endedAt = new Map<string, number>();
  /** The `seq` of each call's `ended` event. */
  readonly endedSeq = new Map<string, number>();
  /** The `endReason` of each call's `ended` event. */
  readonly endReasons = new Map<string, string>();
  readonly resumptions: Resumption[] = [];
  readonly duplicates: Duplicate[] = [];
  private client: ProtocolClient | undefined;
  /** Per call, the highest `seq` held with every one before it. */
  private readonly held = new Map<string, number>();
  /** While catching up after a resume: the `seq` each call must reach. */
  private catchUp: { readonly targets: Map<string, number>; readonly resumption: Resumption } | undefined;
  private stopped = false;
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly token: string,
    /** A call id, or `'*'` for every call. */
    readonly subscription: string,
  ) {}

  /** Connects and subscribes (a single call from its first event; `'*'` from now on). */
  async open(): Promise<void> {
    this.client = await this.connect();
    await this.subscribe(this.client, this.subscription === ALL_CALLS ? undefined : 0);
  }

  /** True once the connection has been lost at least once. */
  get resumed(): boolean {
    return this.resumptions.length > 0;
  }

  /** Resolves once a reconnection under way (if any) has finished. */
  async settled(): Promise<void> {
    while (this.reconnecting) await this.reconnecting;
  }

  /** Stops reconnecting and closes the socket. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.settled();
    await this.client?.close(1000, 'benchmark done').catch(() => undefined);
  }

  private async connect(): Promise<ProtocolClient> {
    const client = await ProtocolClient.connect(this.url, {
      token: this.token,
      connectTimeoutMs: ATTEMPT_TIMEOUT_MS,
      socketOptions: { perMessageDeflate: false },
      validateMessages: false,
    });
    client.onMessage((message) => this.receive(message));
    void client.closed.then(() => this.lost(client));
    return client;
  }

  /** Subscribes, retrying while the call has not reached this instance yet; resolves with the answer. */
  private async subscribe(client: ProtocolClient, since: Parameters<ProtocolClient['subscribe']>[1]): Promise<SubscribedMessage> {
    const deadline = performance.now() + ATTEMPT_TIMEOUT_MS * 2;
    for (;;) {
      try {
        return await client.subscribe(this.subscription, since, ATTEMPT_TIMEOUT_MS);
      } catch (error) {
        const notYet = error instanceof ProtocolClientError && error.details.serverCode === 'CALL_NOT_FOUND';
        if (!notYet || performance.now() > deadline) throw error;
        await delay(100);
      }
    }
  }

  private lost(client: ProtocolClient): void {
    // A socket lost while reconnecting is the reconnection loop's to retry.
    if (this.stopped || client !== this.client || this.reconnecting) return;
    const resumption: Resumption = { lostAt: performance.now(), notRecovered: 0, attempts: 0 };
    this.resumptions.push(resumption);
    this.catchUp = undefined;
    this.reconnecting = this.reconnect(resumption)
      .catch((error: unknown) => console.error(`a client of ${this.subscription} could not resume: ${String(error)}`))
      .finally(() => (this.reconnecting = undefined));
  }

  private async reconnect(resumption: Resumption): Promise<void> {
    const giveUpAt = resumption.lostAt + RECONNECT_GIVE_UP_MS;
    for (;;) {
      if (this.stopped) return;
      resumption.attempts++;
      try {
        const client = await this.connect();
        this.client = client;
        resumption.connectedAt = performance.now();
        const since = this.positions();
        const answer = await this.subscribe(client, since);
        resumption.subscribedAt = performance.now();
        this.expectCatchUp(answer, resumption);
        return;
      } catch (error) {
        if (performance.now() > giveUpAt) throw error;
        await delay(RETRY_MS);
      }
    }
  }

  /** What the client holds, as `since`: one call's last `seq`, or every call's (the newest ones first when there are too many). */
  private positions(): number | Record<string, number> {
    if (this.subscription !== ALL_CALLS) return this.held.get(this.subscription) ?? 0;
    return Object.fromEntries([...this.held.entries()].slice(-MAX_ALL_CALLS_POSITIONS));
  }

  /** Notes the `seq` each call must reach before the client has caught up with what the server held when it answered. */
  private expectCatchUp(answer: SubscribedMessage, resumption: Resumption): void {
    const targets = new Map<string, number>();
    if (this.subscription === ALL_CALLS) {
      for (const call of answer.calls ?? []) if (call.lastSeq !== undefined) targets.set(call.id, call.lastSeq);
      resumption.notRecovered += Object.values(answer.recoveredCalls ?? {}).filter((recovered) => !recovered).length;
    } else {
      if (answer.lastSeq !== undefined) targets.set(this.subscription, answer.lastSeq);
      if (answer.recovered === false) resumption.notRecovered++;
    }
    this.catchUp = { targets, resumption };
    this.checkCaughtUp();
  }

  private checkCaughtUp(): void {
    if (!this.catchUp) return;
    for (const [callId, target] of this.catchUp.targets) if ((this.held.get(callId) ?? 0) < target) return;
    this.catchUp.resumption.caughtUpAt = performance.now();
    this.catchUp = undefined;
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'transcript':
        this.event(message.callId, message.seq, message.type);
        break;
      case 'call':
        this.event(message.call.id, message.seq, message.event);
        if (message.event === 'ended' && !this.endedAt.has(message.call.id)) {
          this.endedAt.set(message.call.id, performance.now());
          this.endedSeq.set(message.call.id, message.seq);
          this.endReasons.set(message.call.id, message.call.endReason ?? 'none');
        }
        break;
      case 'snapshot':
        // Not recovered: the snapshot stands for every event up to its seq.
        this.held.set(message.callId, Math.max(message.seq, this.held.get(message.callId) ?? 0));
        break;
      default:
        return;
    }
    this.checkCaughtUp();
  }

  private event(callId: string, seq: number, type: string): void {
    this.tracker.received(callId, seq);
    const held = this.held.get(callId) ?? 0;
    if (seq <= held) {
      const lastLoss = this.resumptions.at(-1)?.lostAt;
      this.duplicates.push({ callId, seq, held, type, msAfterLoss: lastLoss === undefined ? undefined : performance.now() - lastLoss });
    }
    if (seq === held + 1 || (held === 0 && this.subscription === ALL_CALLS && !this.held.has(callId))) this.held.set(callId, seq);
  }
}
