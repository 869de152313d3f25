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
  /** How many of the oldest queued events are in the run being appended (0: none). */
  inFlight: number;
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
 * Appends each call's events in order, one run at a time per call: whatever is queued for the call
 * (up to `appendBatchMax` events) goes in one script call, so a call publishing faster than a round
 * trip costs one call per round trip, not one per event; a run sent again after a lost reply is the
 * script's idempotent case. Different calls' runs go concurrently on the one connection (ioredis
 * pipelines them). While the connection is down, events wait in a bounded queue per call
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
        inFlight: 0,
        released: false,
      };
      this.calls.set(callId, state);
    }
    return state;
  }

  private async pump(state: CallState): Promise<void> {
    if (state.pumping) return;
    state.pumping = true;
    while (!this.closed && state.queue.length > 0 && this.redis.status === 'ready') {
      // Group commit: what is queued for the call goes in one script call. Until this instance
      // knows the call's last seq, one event at a time (the script's retry rule needs it).
      const run = state.queue.first(state.lastSeq === undefined ? 1 : this.options.appendBatchMax);
      state.inFlight = run.length;
      let outcomes: AppendOutcome[] | 'unconfirmed';
      try {
        outcomes = await this.appendRun(state, run);
      } catch (error) {
        this.failed(reasonOf(error));
        break;
      } finally {
        state.inFlight = 0;
      }
      // Redis answered, whatever it decided: a run that ends in fencing (an owner paused past its
      // lease, whose append timed out) must not leave the connection reported down with nothing
      // left to append, or /readyz would answer 503 for good.
      this.outage.markUp('append');
      if (outcomes === 'unconfirmed') {
        this.scheduleRetry();
        break;
      }
      if (this.closed) break;
      for (const outcome of outcomes) {
        const head = state.queue.shift();
        if (head === undefined) break;
        this.queued--;
        this.apply(state, head, outcome);
        if (state.fencedBy !== undefined) break;
      }
    }
    state.pumping = false;
    this.forgetIfDone(state);
    this.outage.settle(this.queued);
    if (this.queued === 0) for (const drained of [...this.drainWaiters]) drained();
  }

  /** Appends `run` (one call's oldest events) in one script call; resolves the outcomes of the events decided. */
  private async appendRun(state: CallState, run: readonly PendingAppend[]): Promise<AppendOutcome[] | 'unconfirmed'> {
    const outcomes = await this.runScript(state, run, false);
    const missingAt = outcomes.findIndex((outcome) => outcome.kind === 'missing');
    if (missingAt < 0) return outcomes;
    // Only the first event can find the hash missing (an append creates it); should a later one,
    // the events before it are applied and the next run starts with it.
    if (missingAt > 0) return outcomes.slice(0, missingAt);
    // The hash is gone (Redis restarted, or it outlived its time to live): the durable log decides.
    const head = run[0];
    let confirmed: boolean;
    try {
      confirmed = this.options.confirmOwnership ? await this.options.confirmOwnership(head.callId) : state.lastSeq !== undefined;
    } catch (error) {
      this.options.logger.warn(`could not confirm the ownership of call ${head.callId} (${reasonOf(error)}); will retry`);
      return 'unconfirmed';
    }
    return confirmed ? this.runScript(state, run, true) : [{ kind: 'fenced', owner: 'unknown' }];
  }

  /** `createHead`: the run's first event may create the missing hash (ownership confirmed). */
  private runScript(state: CallState, run: readonly PendingAppend[], createHead: boolean): Promise<AppendOutcome[]> {
    this.metrics.appendCalled();
    return fencedAppend(this.redis, {
      callKey: this.keys.call(state.callId),
      streamKey: this.keys.stream,
      instanceId: this.options.instanceId,
      previousSeq: state.lastSeq,
      events: run.map((entry, index) => ({
        seq: entry.seq,
        create: (index === 0 && createHead) || (entry.event.type === 'call' && entry.event.event === 'started'),
        json: entry.json,
      })),
      minId: Math.max(0, Math.floor(this.options.now() - this.options.retentionMinutes * 60_000)),
      ttlMs: this.options.callStateTtlMs,
    });
  }

  private apply(state: CallState, head: PendingAppend, outcome: AppendOutcome): void {
    switch (outcome.kind) {
      case 'appended':
      case 'duplicate':
        if (outcome.kind === 'appended') this.metrics.appended();
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
    for (const dropped of state.queue.trim(state.inFlight)) this.drop(dropped);
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
