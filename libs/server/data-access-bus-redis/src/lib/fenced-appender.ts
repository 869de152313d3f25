import { CallOwnershipLost } from '@tnt/server/util-cluster';
import type Redis from 'ioredis';
import type { ResolvedStreamOptions } from './bus-options';
import type { BusMetrics } from './bus-metrics';
import { CallAppendQueue, kindOf, type PendingAppend } from './call-append-queue';
import { fencedAppend, type AppendOutcome } from './fenced-scripts';
import type { OutageReport } from './outage-report';
import { reasonOf } from './redis-connection';

/** What this instance keeps for a call it appends. */
interface CallState {
  readonly callId: string;
  readonly queue: CallAppendQueue;
  /** The seq this instance last appended or claimed; undefined until it has done either. */
  lastSeq: number | undefined;
  /** The owner that fenced this instance; appends are refused until the call is claimed again. */
  fencedBy: string | undefined;
  pumping: boolean;
  headInFlight: boolean;
  released: boolean;
}

/** A seq the stream refused: it does not follow what this instance last appended for the call. */
export class StreamSeqRefused extends Error {
  constructor(
    readonly callId: string,
    readonly seq: number,
    readonly storedSeq: number,
  ) {
    super(`call ${callId}: seq ${seq} refused, the stream's last seq is ${storedSeq}`);
    this.name = 'StreamSeqRefused';
  }
}

/**
 * Appends each call's events in order, one at a time per call (so a retry after a lost reply is the
 * script's idempotent case), while different calls' appends run concurrently on the one connection
 * (ioredis pipelines them). While the connection is down, events wait in a bounded queue per call
 * and are flushed in order when it is back.
 */
export class FencedAppender {
  private readonly calls = new Map<string, CallState>();
  private queued = 0;
  private retryTimer: unknown;
  private readonly drainWaiters = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: { readonly stream: string; readonly call: (callId: string) => string },
    private readonly options: ResolvedStreamOptions,
    private readonly metrics: BusMetrics,
    private readonly outage: OutageReport,
  ) {}

  /** Events waiting, over every call. */
  get depth(): number {
    return this.queued;
  }

  /** Queues an event; resolves once it is on the stream, or at once while Redis cannot be reached. */
  append(entry: PendingAppend): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the Redis event stream is closed'));
    const state = this.stateOf(entry.callId);
    if (state.fencedBy !== undefined) {
      this.metrics.fenced();
      return Promise.reject(new CallOwnershipLost(entry.callId, state.fencedBy));
    }
    state.released = false;
    return new Promise<void>((resolve, reject) => {
      entry.waiter = { resolve, reject };
      this.queued++;
      state.queue.push(entry);
      if (this.outage.isDown('append')) this.settleAsQueued(state);
      void this.pump(state);
    });
  }

  /** Records what a claim found: numbering continues from the stream's last seq, and fencing is lifted. */
  claimed(callId: string, storedSeq: number): void {
    const state = this.stateOf(callId);
    state.lastSeq = storedSeq;
    state.fencedBy = undefined;
  }

  /** Forgets the call once its queue is empty. */
  release(callId: string): void {
    const state = this.calls.get(callId);
    if (!state) return;
    state.released = true;
    this.forgetIfDone(state);
  }

  /** Flushes every call's queue (the connection is back). */
  resume(): void {
    for (const state of this.calls.values()) void this.pump(state);
  }

  /** Resolves true once nothing is queued, or false after `timeoutMs`. */
  whenDrained(timeoutMs: number): Promise<boolean> {
    if (this.queued === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        this.options.timers.clearTimeout(timer);
        this.drainWaiters.delete(onDrained);
        resolve(drained);
      };
      const onDrained = () => done(true);
      const timer = this.options.timers.setTimeout(() => done(false), timeoutMs);
      this.drainWaiters.add(onDrained);
    });
  }

  /** Stops appending; what is still queued is reported and given up. */
  close(): void {
    this.closed = true;
    this.options.timers.clearTimeout(this.retryTimer);
    if (this.queued > 0) this.options.logger.warn(`closing with ${this.queued} call events not appended to the stream`);
    for (const state of this.calls.values()) for (const entry of state.queue.clear()) entry.waiter?.resolve();
    this.queued = 0;
  }

  private stateOf(callId: string): CallState {
    let state = this.calls.get(callId);
    if (!state) {
      state = {
        callId,
        queue: new CallAppendQueue(this.options.maxQueuedPerCall),
        lastSeq: undefined,
        fencedBy: undefined,
        pumping: false,
        headInFlight: false,
        released: false,
      };
      this.calls.set(callId, state);
    }
    return state;
  }

  private async pump(state: CallState): Promise<void> {
    if (state.pumping) return;
    state.pumping = true;
    let head: PendingAppend | undefined;
    while (!this.closed && (head = state.queue.head()) !== undefined && this.redis.status === 'ready') {
      state.headInFlight = true;
      let outcome: AppendOutcome | 'unconfirmed';
      try {
        outcome = await this.appendOne(state, head);
      } catch (error) {
        this.failed(reasonOf(error));
        break;
      } finally {
        state.headInFlight = false;
      }
      if (outcome === 'unconfirmed') {
        this.scheduleRetry();
        break;
      }
      state.queue.shift();
      this.queued--;
      this.apply(state, head, outcome);
    }
    state.pumping = false;
    this.forgetIfDone(state);
    this.outage.settle(this.queued);
    if (this.queued === 0) for (const drained of [...this.drainWaiters]) drained();
  }

  private async appendOne(state: CallState, head: PendingAppend): Promise<AppendOutcome | 'unconfirmed'> {
    const event = head.event;
    const create = event.type === 'call' && event.event === 'started';
    const outcome = await this.runScript(state, head, create);
    if (outcome.kind !== 'missing') return outcome;
    // The hash is gone (Redis restarted, or it outlived its time to live): the durable log decides.
    let confirmed: boolean;
    try {
      confirmed = this.options.confirmOwnership ? await this.options.confirmOwnership(head.callId) : state.lastSeq !== undefined;
    } catch (error) {
      this.options.logger.warn(`could not confirm the ownership of call ${head.callId} (${reasonOf(error)}); will retry`);
      return 'unconfirmed';
    }
    return confirmed ? this.runScript(state, head, true) : { kind: 'fenced', owner: 'unknown' };
  }

  private runScript(state: CallState, head: PendingAppend, create: boolean): Promise<AppendOutcome> {
    return fencedAppend(this.redis, {
      callKey: this.keys.call(head.callId),
      streamKey: this.keys.stream,
      instanceId: this.options.instanceId,
      seq: head.seq,
      previousSeq: state.lastSeq,
      create,
      json: head.json,
      minId: Math.max(0, Math.floor(this.options.now() - this.options.retentionMinutes * 60_000)),
      ttlMs: this.options.callStateTtlMs,
    });
  }

  private apply(state: CallState, head: PendingAppend, outcome: AppendOutcome): void {
    switch (outcome.kind) {
      case 'appended':
      case 'duplicate':
        if (outcome.kind === 'appended') this.metrics.appended();
        this.outage.markUp('append');
        state.lastSeq = head.seq;
        this.outage.countFlushed(head.waiter ? 0 : 1);
        head.waiter?.resolve();
        return;
      case 'fenced':
      case 'missing':
        return this.fence(state, head, outcome.kind === 'fenced' ? outcome.owner : 'unknown');
      case 'out-of-order':
        return this.refuse(head, new StreamSeqRefused(head.callId, head.seq, outcome.storedSeq));
    }
  }

  private fence(state: CallState, head: PendingAppend, owner: string): void {
    state.fencedBy = owner;
    const refused = [head, ...state.queue.clear()];
    this.queued -= refused.length - 1;
    this.metrics.fenced();
    const ownerName = owner === 'unknown' ? undefined : owner;
    this.options.logger.warn(
      `call ${head.callId} is owned by ${ownerName ?? 'another instance'} now: this instance was fenced and appends nothing more ` +
        `for it (${refused.length} events refused from seq ${head.seq})`,
    );
    for (const entry of refused) entry.waiter?.reject(new CallOwnershipLost(head.callId, ownerName));
  }

  private refuse(head: PendingAppend, error: StreamSeqRefused): void {
    if (head.waiter) head.waiter.reject(error);
    else this.options.logger.error(`${error.message}; the queued event was dropped`);
  }

  private drop(entry: PendingAppend): void {
    this.queued--;
    this.metrics.dropped(kindOf(entry));
    this.outage.countDropped();
    // Its publisher is done with it: readers fill the hole from the durable log (finals, call events).
    entry.waiter?.resolve();
    entry.waiter = undefined;
  }

  /** The connection failed: queued events are bounded, their publishers released, and a retry scheduled. */
  failed(reason: string): void {
    this.outage.markDown('append', reason);
    for (const state of this.calls.values()) this.settleAsQueued(state);
    this.scheduleRetry();
  }

  /** Bounds the queue and resolves the callers of the events kept: they will be flushed. */
  private settleAsQueued(state: CallState): void {
    for (const dropped of state.queue.trim(state.headInFlight)) this.drop(dropped);
    for (const entry of state.queue.all()) {
      entry.waiter?.resolve();
      entry.waiter = undefined;
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.resume();
    }, this.options.reconnectMaxDelayMs);
  }

  private forgetIfDone(state: CallState): void {
    if (state.released && state.queue.length === 0 && !state.pumping) this.calls.delete(state.callId);
  }
}
