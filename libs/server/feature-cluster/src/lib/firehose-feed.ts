import { Logger } from '@nestjs/common';
import { callIdOf, type CallEventMessage, type CallInfo } from '@tnt/protocol';
import type { CallEventBus, CallEventHandler, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import type { ClusterCallLog, ClusterEventStream } from '@tnt/server/util-cluster';
import type { CounterMetric, MetricsRegistry } from '@tnt/server/util-metrics';

/** How the feed waits before asking the log again for a hole it could not read. */
export interface FeedRetry {
  /** Attempts at reading a hole from the log before it is passed over. */
  readonly attempts: number;
  /** Waits `ms`; injected so tests need not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly delayMs: number;
}

const DEFAULT_RETRY: FeedRetry = { attempts: 5, delayMs: 200, sleep: (ms) => new Promise((wake) => setTimeout(wake, ms)) };

/** An event the feed hands on, with its JSON as it came off the stream (or made once for a filled hole). */
type Delivery = readonly [event: CallEventMessage, json: string, details?: CallInfo];

/**
 * The bus of a cluster instance: publishes to the stream every instance reads, and hands every
 * event read from it to the handlers in each call's `seq` order, after keeping it in the ring.
 *
 * A call's events must reach the handlers contiguous: before one is handed on, its `seq` is checked
 * against the last one held. An event already held (a retried append) is dropped; a hole (entries
 * the stream trimmed, or the owner's queue dropped while Redis was away) is filled from the log,
 * which holds every final and call event (the stream is appended after the log commits); events
 * read meanwhile wait, in order. A hole the log cannot fill after several attempts is logged and
 * counted, and the ring restarts at the next event, so a resuming client gets a snapshot
 * (`recovered: false`) rather than a silent gap.
 */
export class FirehoseFeed implements CallEventBus {
  private readonly logger = new Logger('FirehoseFeed');
  private readonly handlers = new Set<CallEventHandler>();
  /** Set while an event waits for the log: later events queue behind it. */
  private tail: Promise<void> | undefined;
  private readonly filledEvents: CounterMetric;
  private readonly unfillableHoles: CounterMetric;
  private readonly duplicates: CounterMetric;

  constructor(
    private readonly ring: MemoryCallEventStore,
    private readonly log: ClusterCallLog,
    private readonly stream: ClusterEventStream,
    metrics: MetricsRegistry,
    private readonly retry: FeedRetry = DEFAULT_RETRY,
  ) {
    this.filledEvents = metrics.counter({
      name: 'tnt_feed_filled_events_total',
      help: 'Events read from PostgreSQL to fill a hole in a call read off the stream',
    });
    this.unfillableHoles = metrics.counter({
      name: 'tnt_feed_unfillable_holes_total',
      help: 'Holes in a call the log could not fill (clients resuming get a snapshot)',
    });
    this.duplicates = metrics.counter({
      name: 'tnt_feed_duplicate_events_total',
      help: 'Events read off the stream twice (a retried append), dropped',
    });
    stream.onEvent((event, json) => this.receive(event, json));
  }

  /** Appends to the stream; after a call's `ended` the stream forgets what it kept for the call. */
  async publish(event: CallEventMessage): Promise<void> {
    await this.stream.publish(event);
    if (event.type === 'call' && event.call.status === 'ended') this.stream.release(event.call.id);
  }

  onEvent(handler: CallEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /**
   * Puts every call the log has active into the ring, before the stream is read: a call started
   * before this instance is then listed and routed like one it saw start.
   */
  async preload(): Promise<void> {
    for (const { call } of await this.log.activeCalls()) {
      if (this.ring.holds(call.id)) continue;
      const { lastSeq, ...details } = call;
      this.ring.createCallNow(details, lastSeq);
    }
  }

  private receive(event: CallEventMessage, json: string): void {
    const run = this.tail ? this.tail.then(() => this.apply(event, json)) : this.apply(event, json);
    if (!run) return;
    const tail: Promise<void> = run
      .catch((error: unknown) => this.logger.error(`handing on event ${event.seq} of call ${callIdOf(event)} failed: ${String(error)}`))
      .finally(() => {
        if (this.tail === tail) this.tail = undefined;
      });
    this.tail = tail;
  }

  /** Keeps and hands on one event, or returns a promise when the log must be read first. */
  private apply(event: CallEventMessage, json: string): Promise<void> | undefined {
    const callId = callIdOf(event);
    const last = this.ring.lastSeqOf(callId);
    if (last === undefined) {
      if (event.type === 'call' && event.seq === 1) {
        this.ring.createCallNow(event.call);
        return this.deliver([[event, json]]);
      }
      return this.adopt(callId, event, json);
    }
    if (event.seq <= last) {
      this.duplicates.inc();
      return undefined;
    }
    if (event.seq === last + 1) return this.deliver([[event, json]]);
    return this.fill(callId, last, event, json);
  }

  /** A call first seen mid-way: held from this event on, with its details from the log. */
  private async adopt(callId: string, event: CallEventMessage, json: string): Promise<void> {
    const stored = await this.fromLog(() => this.log.getCall(callId), `call ${callId}`);
    const details = event.type === 'call' ? event.call : stored && withoutSeq(stored.call);
    if (!details) {
      this.unfillableHoles.inc();
      this.logger.error(`event ${event.seq} of call ${callId} dropped: the call is neither on the stream nor in PostgreSQL`);
      return;
    }
    this.ring.createCallNow(details, event.seq - 1);
    this.deliver([[event, json, details]]);
  }

  /** Reads the events between the last one held and `event` from the log, then hands all on in order. */
  private async fill(callId: string, last: number, event: CallEventMessage, json: string): Promise<void> {
    const missing = await this.fromLog(() => this.log.eventsAfter(callId, last, event.seq), `call ${callId} after seq ${last}`);
    if (!missing) {
      this.unfillableHoles.inc();
      this.logger.error(
        `call ${callId}: events ${last + 1}..${event.seq - 1} could not be read from PostgreSQL; ` +
          'clients resuming across them get a snapshot',
      );
    }
    const events: Delivery[] = (missing ?? []).map((filled) => [filled, JSON.stringify(filled)]);
    this.filledEvents.inc({}, events.length);
    events.push([event, json]);
    this.deliver(events, true);
  }

  private deliver(events: readonly Delivery[], afterHole = false): undefined {
    for (const [event, json, details] of events) {
      this.ring.appendNow(event, afterHole);
      for (const handler of this.handlers) handler(event, json, details);
    }
    return undefined;
  }

  /** The log's answer, asked again a few times while it fails; `undefined` when it keeps failing. */
  private async fromLog<T>(ask: () => Promise<T | undefined>, what: string): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ask();
      } catch (error) {
        if (attempt >= this.retry.attempts) {
          this.logger.error(`reading ${what} from PostgreSQL failed ${attempt} times; passing over it: ${String(error)}`);
          return undefined;
        }
        await this.retry.sleep(this.retry.delayMs * attempt);
      }
    }
  }
}

function withoutSeq(call: CallInfo): CallInfo {
  const details = { ...call };
  delete details.lastSeq;
  return details;
}
