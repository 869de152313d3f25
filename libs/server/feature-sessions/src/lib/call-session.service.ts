import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  ALL_CALLS,
  callIdOf,
  type AllCallsPositions,
  type CallEndReason,
  type CallEventKind,
  type CallEventMessage,
  type CallInfo,
  type Insight,
  type SnapshotMessage,
  type SubscribedMessage,
  type TranscriptSegment,
} from '@tnt/protocol';
import { CallAlreadyStored, CallOwnershipLost, LogUnreachable } from '@tnt/server/util-cluster';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { LATENCY_BUCKETS_SECONDS, METRICS, type CounterMetric, type HistogramMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { randomUUID } from 'node:crypto';
import { allCallsCatchUp, catchUpFrom, seqCoveredBy, snapshotOf } from './call-catch-up';
import { CALL_EVENT_BUS, type CallEventBus } from './call-event-bus';
import { CALL_EVENT_STORE, type CallEventStore } from './call-event-store';
import { CallAlreadyEnded, CallConflict, CallMovedElsewhere, callNotFound, notSubscribed, StoreUnavailable } from './call-session-errors';
import type { EventSubscriber } from './event-subscriber';
import { DEFAULT_STORE_RETRY, STORE_RETRY, StoreOutage, type StoreRetry } from './store-outage';
import { SubscribeTurns } from './subscribe-turns';
import { SubscriptionRegistry } from './subscription-registry';

/** A call's details without the store's `lastSeq`, as carried inside its own events. */
function withoutSeq(call: CallInfo): CallInfo {
  const details = { ...call };
  delete details.lastSeq;
  return details;
}

/** An error's stack when it has one, for the log. */
function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** What is known about a call when it starts. */
export interface StartCallInput {
  /** The telephony side's id (e.g. Twilio's CallSid); generated when absent. */
  id?: string;
  agentId: string;
  from?: string;
  to?: string;
  /** The conversation's language as telephony names it (e.g. AudioHook's `es-ES`). */
  language?: string;
}

/** What a new subscription must send before live events, in this order. */
export interface SubscriptionStart {
  acknowledgement: SubscribedMessage;
  /**
   * Missed events (`recovered`), or a snapshot when the gap cannot be filled or no `since` was given;
   * for `'*'`, that for each call named in `since`, one call after the other.
   */
  catchUp: (CallEventMessage | SnapshotMessage)[];
  /**
   * Call right after sending `acknowledgement` and `catchUp`: delivers the live events that came
   * while the catch-up was read and were not in it, then delivers the following ones as they come.
   */
  goLive(): void;
}

/** Why this instance stopped feeding a call it owned. */
export type CallLossReason = 'moved' | 'store-unavailable';

/**
 * A final segment or call event waiting for the store, which could not be reached. It is numbered when
 * the store takes it, so the interims sent meanwhile keep `seq` increasing on the bus; but once an
 * attempt was sent and its commit is in doubt, `event` keeps that attempt and it is retried as it is.
 */
interface WaitingEvent {
  readonly make: (seq: number) => CallEventMessage;
  event?: CallEventMessage;
  readonly stored: (event: CallEventMessage) => void;
  readonly failed: (error: unknown) => void;
}

/** What one publication came to. */
type Publication =
  | { readonly sent: CallEventMessage }
  | { readonly waiting: Promise<CallEventMessage> }
  /** An interim not sent: a final before it waits for the store with its commit in doubt. */
  | { readonly dropped: true };

/** A turn's outcome: a publication, or an event stored and handed to the bus, on its way. */
type Turn = Publication | { readonly stored: CallEventMessage; readonly sending: Promise<void> };

/** A call this instance owns: it numbers the call's events, one after the other. */
interface OwnedCall {
  /** The call's details as last announced. */
  call: CallInfo;
  /** The seq of the call's newest stored event. */
  lastSeq: number;
  /** 0 for a call started here; after a take-over, the last seq it had before this instance owned it. */
  continuedAfterSeq: number;
  /** True once `endCall` was asked: nothing may follow the `ended` event. */
  ending: boolean;
  /** The call's publications, chained so that each is stored and sent after the one before. */
  chain: Promise<unknown>;
  /** Finals and call events waiting, in order, for the store to answer. */
  backlog: WaitingEvent[];
  /** Failed tries of the backlog's head in a row, for the back-off. */
  retries: number;
  retryTimer?: unknown;
}

/**
 * Owns calls: their lifecycle, the numbering of their events (`seq`), their history and who
 * is subscribed. Every event goes store → bus → subscribers, so a client never sees an event
 * that the store does not hold. In a cluster the instance holding a call's audio owns the call;
 * every instance fans out every call's events to its own subscribers.
 */
@Injectable()
export class CallSessionService implements OnModuleDestroy {
  private readonly logger = new Logger(CallSessionService.name);
  private readonly subscriptions = new SubscriptionRegistry();
  private readonly subscribeTurns = new SubscribeTurns();
  /** Routing view of every call this instance has seen on the bus. */
  private readonly knownCalls = new Map<string, CallInfo>();
  private readonly ownedCalls = new Map<string, OwnedCall>();
  private readonly callLostHandlers = new Set<(callId: string, reason: CallLossReason) => void>();
  private readonly evictionTimers = new Map<string, NodeJS.Timeout>();
  private readonly stopListening: () => void;
  private readonly transportLatency: HistogramMetric;
  /** Whether the store answers, as this instance's writes and readiness lookups find. */
  readonly storeOutage: StoreOutage;
  private readonly storeRetries: CounterMetric;
  private readonly backlogOverflows: CounterMetric;
  private readonly interimsDropped: CounterMetric;
  private probing = false;

  constructor(
    @Inject(CALL_EVENT_STORE) private readonly store: CallEventStore,
    @Inject(CALL_EVENT_BUS) private readonly bus: CallEventBus,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Optional() @Inject(STORE_RETRY) private readonly retry: StoreRetry = DEFAULT_STORE_RETRY,
  ) {
    this.stopListening = bus.onEvent((event, json, call) => this.fanOut(event, json, call));
    const remedy =
      config.store === 'postgres'
        ? 'Start PostgreSQL, or fix TNT_DATABASE_URL or the network to it.'
        : `Check the disk and permissions of ${config.dataDir} (TNT_STORE=${config.store}).`;
    this.storeOutage = new StoreOutage(this.logger, metrics, config.storeBacklogPerCall, remedy, () => this.waitingEventCount);
    this.storeRetries = metrics.counter({
      name: 'tnt_store_write_retries_total',
      help: 'Tries of a final segment or call event the call store could not take, after the first',
    });
    this.backlogOverflows = metrics.counter({
      name: 'tnt_store_backlog_overflows_total',
      help: 'Calls ended as store-unavailable because more events waited for the call store than TNT_STORE_BACKLOG_PER_CALL',
    });
    this.interimsDropped = metrics.counter({
      name: 'tnt_store_interims_withheld_total',
      help: 'Interim segments not sent because a final before them waited for the call store with its commit in doubt',
    });
    metrics.gauge({ name: 'tnt_subscriptions', help: 'Subscriptions held by UI connections', sample: () => this.subscriptionCount });
    metrics.gauge({ name: 'tnt_calls_held', help: 'Calls this instance routes events of', sample: () => this.knownCalls.size });
    this.transportLatency = metrics.histogram({
      name: 'tnt_transport_latency_seconds',
      help: 'A transcript segment made by the engine until stored and handed to every subscriber socket',
      labelNames: ['final'],
      buckets: LATENCY_BUCKETS_SECONDS,
    });
  }

  /**
   * Starts a call and announces it: afterwards the call is stored and its `started` event sent, or
   * it is not active anywhere. Throws {@link CallConflict} when the id is in use and
   * {@link StoreUnavailable} when the store cannot keep the start. In a cluster, an id that is active
   * on another instance is taken over (telephony reconnected the call here): its numbering continues
   * after the last `seq` any owner gave it, announced by an `updated` event.
   */
  async startCall(input: StartCallInput): Promise<CallInfo> {
    const id = input.id ?? randomUUID();
    if (this.ownedCalls.has(id)) throw new CallConflict(id);
    // Reserved before the first await, so a second start of the id on this instance is a conflict.
    const details: CallInfo = {
      id,
      agentId: input.agentId,
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.language ? { language: input.language } : {}),
      startedAt: new Date().toISOString(),
      status: 'active',
    };
    const owned: OwnedCall = {
      call: details,
      lastSeq: 0,
      continuedAfterSeq: 0,
      ending: false,
      chain: Promise.resolve(),
      backlog: [],
      retries: 0,
    };
    this.ownedCalls.set(id, owned);
    try {
      const stored = await this.storeAnswer(id, () => this.store.getCall(id));
      if (stored) return await this.takeOver(owned, stored, input);
      await this.storeAnswer(id, () => this.store.createCall(details));
    } catch (error) {
      this.ownedCalls.delete(id);
      throw error;
    }
    try {
      await this.publishCallEvent(id, 'started', details);
    } catch (error) {
      await this.abandonUnannouncedCall(id, error);
      throw new StoreUnavailable(id, `the start of call ${id} could not be stored`, { cause: error });
    }
    this.logger.log({ msg: 'call started', callId: id, agentId: details.agentId });
    return details;
  }

  /**
   * 0 for a call this instance started; for one it took over, the last seq the call had before. A
   * new owner's engine numbers its utterances from the start again, so the segment ids it makes
   * must differ from those of the call's earlier owner.
   */
  continuedAfterSeq(callId: string): number {
    return this.activeCall(callId).continuedAfterSeq;
  }

  /** Changes an active call's details (agent, numbers, language) and announces it. */
  async updateCall(callId: string, changes: Partial<Pick<CallInfo, 'agentId' | 'from' | 'to' | 'language'>>): Promise<CallInfo> {
    const owned = this.activeCall(callId);
    const updated: CallInfo = { ...owned.call, ...changes };
    await this.publishCallEvent(callId, 'updated', updated);
    return updated;
  }

  /** Ends an active call and announces it; it stays subscribable for the retention time. */
  async endCall(callId: string, reason: CallEndReason): Promise<CallInfo> {
    const owned = this.activeCall(callId);
    owned.ending = true;
    const ended: CallInfo = { ...owned.call, status: 'ended', endedAt: new Date().toISOString(), endReason: reason };
    try {
      await this.publishCallEvent(callId, 'ended', ended);
    } catch (error) {
      owned.ending = false;
      throw error;
    }
    this.scheduleEviction(callId);
    this.logger.log({ msg: 'call ended', callId, reason });
    return ended;
  }

  /**
   * Ends, as `interrupted`, a call whose owner died (its lease expired): this instance takes it over
   * from `formerOwner` first, so that of several instances doing this at once exactly one ends it.
   * Resolves true when this instance ended it.
   */
  async endOrphanedCall(callId: string, formerOwner: string): Promise<boolean> {
    if (!this.store.takeOver || this.ownedCalls.has(callId)) return false;
    const call = await this.store.takeOver(callId, formerOwner);
    if (!call) return false;
    this.ownedCalls.set(callId, {
      call: withoutSeq(call),
      lastSeq: call.lastSeq ?? 0,
      continuedAfterSeq: call.lastSeq ?? 0,
      ending: false,
      chain: Promise.resolve(),
      backlog: [],
      retries: 0,
    });
    await this.endCall(callId, 'interrupted');
    return true;
  }

  /**
   * Numbers a transcript segment, stores it and sends it to the call's subscribers. While the store
   * cannot be reached a final resolves once it waits in the call's backlog (it is stored and sent in
   * order when the store answers), so the interims after it keep flowing.
   * @param producedAt `performance.now()` when the segment was made, for the transport-latency figure.
   */
  async publishTranscript(callId: string, transcript: TranscriptSegment, producedAt = performance.now()): Promise<void> {
    this.activeCall(callId);
    const publication = await this.publish(callId, (seq) => ({ type: 'transcript', callId, seq, transcript }), transcript.isFinal);
    if ('sent' in publication)
      this.transportLatency.observe((performance.now() - producedAt) / 1000, { final: String(transcript.isFinal) });
    if ('waiting' in publication) {
      publication.waiting.then(
        () => this.transportLatency.observe((performance.now() - producedAt) / 1000, { final: 'true' }),
        (error: unknown) =>
          this.logger.error({ msg: 'a final segment that waited for the call store was not stored', callId, error: describeError(error) }),
      );
    }
  }

  /**
   * Numbers an insight (an alert, a metrics update …) of an active call in the call's `seq`, stores
   * it and sends it to the call's subscribers, exactly like a transcript segment.
   */
  async publishInsight(callId: string, insight: Insight): Promise<void> {
    this.activeCall(callId);
    const publication = await this.publish(callId, (seq) => ({ type: 'insight', callId, seq, insight }), true);
    if ('waiting' in publication) await publication.waiting;
  }

  /**
   * Tells `handler` the id of each call this instance stops feeding: another instance took it over
   * (`moved`), or more of its events waited for the call store than allowed and it was ended
   * (`store-unavailable`). Either way the call's audio connection here must close.
   */
  onCallLost(handler: (callId: string, reason: CallLossReason) => void): () => void {
    this.callLostHandlers.add(handler);
    return () => this.callLostHandlers.delete(handler);
  }

  /** The call as held now, or `undefined`. */
  getCall(callId: string): Promise<CallInfo | undefined> {
    return this.store.getCall(callId);
  }

  /** Every call held in memory, newest first. */
  listCalls(): Promise<CallInfo[]> {
    return this.store.listCalls();
  }

  /** Ids of calls that have started and not ended. */
  activeCallIds(): string[] {
    return [...this.knownCalls.values()].filter((call) => call.status === 'active').map((call) => call.id);
  }

  /**
   * Subscribes and returns what must be sent before live events: for one call, its events after
   * `since` or a snapshot; for `'*'`, the calls held and, for each call named in `since` (a map
   * call id → last seq held), its missed events or a snapshot.
   *
   * Subscribe, then catch up, then go live (buffer, then merge): the subscription is registered
   * and held before the store is read, so every event published from then on is held back; the
   * catch-up read afterwards contains every event published before. `goLive` then delivers the
   * held events whose `seq` the catch-up did not cover, in order: none is lost or doubled, for
   * every call of a `'*'` recovery alike, however long the store takes to answer.
   */
  async subscribe(subscriber: EventSubscriber, callId: string, since?: number | AllCallsPositions): Promise<SubscriptionStart> {
    if (callId === ALL_CALLS && typeof since === 'number') {
      throw new TypeError(`since for '${ALL_CALLS}' maps call ids to seqs; got the number ${since}`);
    }
    if (callId !== ALL_CALLS && typeof since === 'object') {
      throw new TypeError(`since for call ${callId} is a seq; a map is only for '${ALL_CALLS}'`);
    }
    const endTurn = await this.subscribeTurns.take(subscriber, callId);
    this.subscriptions.add(subscriber, callId);
    this.subscriptions.hold(subscriber, callId);
    let start: Omit<SubscriptionStart, 'goLive'>;
    let covered: (event: CallEventMessage) => boolean;
    try {
      if (callId === ALL_CALLS) {
        start = await allCallsCatchUp(this.store, subscriber, since as AllCallsPositions | undefined);
        covered = coveredByAllCalls(start);
      } else {
        start = await this.oneCallCatchUp(subscriber, callId, since as number | undefined);
        const seq = seqCoveredBy(start.catchUp, callId, start.acknowledgement.recovered === true ? (since as number) : 0);
        covered = (event) => event.seq <= seq;
      }
    } catch (error) {
      // A store that fails, or a call that is not there, leaves no subscription behind.
      this.subscriptions.remove(subscriber, callId);
      endTurn();
      throw error;
    }
    if (this.subscribeTurns.isGone(subscriber)) {
      // Its connection closed while this subscribe waited or read: nothing stays registered for it.
      this.subscriptions.remove(subscriber, callId);
      endTurn();
      return { ...start, goLive: () => undefined };
    }
    return {
      ...start,
      goLive: () => {
        this.subscriptions.release(subscriber, callId, covered);
        endTurn();
      },
    };
  }

  /** Removes one subscription; throws `NOT_SUBSCRIBED` when there was none. */
  unsubscribe(subscriber: EventSubscriber, callId: string): void {
    if (!this.subscriptions.remove(subscriber, callId)) throw notSubscribed(callId);
  }

  /** Forgets every subscription of a subscriber that went away. */
  unsubscribeAll(subscriber: EventSubscriber): void {
    this.subscribeTurns.forget(subscriber);
    this.subscriptions.removeAll(subscriber);
  }

  /** How many subscriptions are held. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Asks the store a lookup and tells {@link storeOutage} the outcome (the `/readyz` check asks this at every probe). */
  probeStore(): void {
    if (this.probing) return;
    this.probing = true;
    this.store.getCall('store-probe').then(
      () => {
        this.probing = false;
        this.storeOutage.answered();
      },
      (error: unknown) => {
        this.probing = false;
        this.storeOutage.failed(error);
      },
    );
  }

  /** Final segments and call events waiting for the store, over every call. */
  get waitingEventCount(): number {
    let count = 0;
    for (const owned of this.ownedCalls.values()) count += owned.backlog.length;
    return count;
  }

  onModuleDestroy(): void {
    this.stopListening();
    const waiting = this.waitingEventCount;
    if (waiting > 0) {
      this.logger.error(
        `stopping with ${waiting} final segment(s) and call event(s) still waiting for the call store, which never answered: ` +
          'they are lost; their calls stay active in the store until another instance ends them as interrupted',
      );
    }
    for (const owned of this.ownedCalls.values()) {
      if (owned.retryTimer !== undefined) this.retry.timers.clearTimeout(owned.retryTimer);
      for (const waitingEvent of owned.backlog.splice(0))
        waitingEvent.failed(new Error('the server stopped before the call store answered'));
    }
    for (const timer of this.evictionTimers.values()) clearTimeout(timer);
    this.evictionTimers.clear();
  }

  private async oneCallCatchUp(subscriber: EventSubscriber, callId: string, since?: number): Promise<Omit<SubscriptionStart, 'goLive'>> {
    const call = await this.store.getCall(callId);
    if (!call || !subscriber.canSee(call)) throw callNotFound(callId);
    const acknowledgement: SubscribedMessage = { type: 'subscribed', callId, lastSeq: call.lastSeq };
    if (since === undefined) return { acknowledgement, catchUp: [await snapshotOf(this.store, callId)] };
    const missed = await catchUpFrom(this.store, callId, since);
    acknowledgement.recovered = missed.recovered;
    return { acknowledgement, catchUp: missed.messages };
  }

  /** Takes over a call another instance owned, when the store is a cluster's and the call still active. */
  private async takeOver(owned: OwnedCall, stored: CallInfo, input: StartCallInput): Promise<CallInfo> {
    const id = stored.id;
    if (stored.status !== 'active' || !this.store.takeOver) throw new CallConflict(id);
    const current = await this.storeAnswer(id, () => (this.store.takeOver as NonNullable<CallEventStore['takeOver']>)(id));
    if (!current) throw new CallConflict(id);
    owned.lastSeq = current.lastSeq ?? 0;
    owned.continuedAfterSeq = owned.lastSeq;
    owned.call = withoutSeq(current);
    const updated: CallInfo = {
      ...owned.call,
      agentId: input.agentId,
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.language ? { language: input.language } : {}),
    };
    await this.publishCallEvent(id, 'updated', updated);
    this.logger.warn({ msg: 'call taken over: telephony reconnected it to this instance', callId: id, continuesAfterSeq: current.lastSeq });
    return updated;
  }

  /** The store's answer, its failure turned into {@link StoreUnavailable} (a taken id into {@link CallConflict}). */
  private async storeAnswer<T>(callId: string, ask: () => Promise<T>): Promise<T> {
    try {
      const answer = await ask();
      this.storeOutage.answered();
      return answer;
    } catch (error) {
      if (error instanceof CallAlreadyStored) throw new CallConflict(callId);
      // Each start asks the store, so a start is refused only while the store really fails, and the
      // outage is logged once however many starts it refuses.
      this.storeOutage.failed(error);
      throw new StoreUnavailable(callId, `call ${callId} could not be stored`, { cause: error });
    }
  }

  private activeCall(callId: string): OwnedCall {
    const owned = this.ownedCalls.get(callId);
    if (!owned) throw callNotFound(callId);
    if (owned.ending || owned.call.status !== 'active') throw new CallAlreadyEnded(callId);
    return owned;
  }

  /**
   * Undoes a call whose `started` event the store refused: no client has seen it, but the store
   * holds it as active. Its end is recorded (reason `store-unavailable`) so no board or history
   * shows it active; if the store refuses that too, memory forgets it, and a durable store's
   * record is ended as `interrupted` at the next start like any call a crash left open.
   */
  private async abandonUnannouncedCall(callId: string, startFailure: unknown): Promise<void> {
    this.logger.error(`call ${callId}: storing its start failed, ending it: ${describeError(startFailure)}`);
    try {
      await this.endCall(callId, 'store-unavailable');
      return;
    } catch (endFailure) {
      this.logger.error(`call ${callId}: storing its end failed too, forgetting it in memory: ${describeError(endFailure)}`);
    }
    this.store.evict(callId);
    this.ownedCalls.delete(callId);
  }

  /** Publishes a call event; resolves once it is stored and sent (after the store answers again, during an outage). */
  private async publishCallEvent(callId: string, event: CallEventKind, call: CallInfo): Promise<CallEventMessage> {
    const publication = await this.publish(callId, (seq) => ({ type: 'call', event, seq, call }), true);
    if ('dropped' in publication) throw new Error(`call ${callId}: a call event was dropped, which only interims may be`);
    const published = 'sent' in publication ? publication.sent : await publication.waiting;
    const owned = this.ownedCalls.get(callId);
    if (owned) owned.call = call;
    return published;
  }

  /**
   * Stores, then sends, the call's next event. A call's publications run one after the other, each
   * numbered when its turn comes, so a refused one leaves no hole: the next takes its number. A turn
   * ends once its event is stored and handed to the bus, which keeps a call's events in the order
   * handed (see {@link CallEventBus.publish}): the next event is stored while this one is on its way
   * (a cluster's stream appends the events waiting as one run), and the publication resolves once
   * the bus has taken it.
   *
   * When the store cannot be reached (`LogUnreachable`), a `durable` event (a final, a call event)
   * waits in the call's bounded backlog, behind those already waiting, and is retried with back-off
   * ({@link retryBacklog}); interims meanwhile are numbered and sent, unless the backlog's head was
   * sent with its commit in doubt: that seq is then kept for it, and the interims are withheld.
   */
  private publish(callId: string, make: (seq: number) => CallEventMessage, durable: boolean): Promise<Publication> {
    const owned = this.ownedCalls.get(callId);
    if (!owned) return Promise.reject(callNotFound(callId));
    const turn = owned.chain.then(async (): Promise<Turn> => {
      if (this.ownedCalls.get(callId) !== owned) throw new CallMovedElsewhere(callId);
      if (owned.backlog.length > 0) {
        if (durable) return this.wait(callId, owned, make);
        if (owned.backlog[0].event) {
          this.interimsDropped.inc();
          return { dropped: true };
        }
      }
      const event = make(owned.lastSeq + 1);
      try {
        await this.store.append(event);
      } catch (error) {
        if (error instanceof CallOwnershipLost) throw this.loseCall(callId, error);
        if (durable && error instanceof LogUnreachable) {
          this.storeOutage.failed(error);
          return this.wait(callId, owned, make, error.mayHaveCommitted ? event : undefined);
        }
        throw error;
      }
      if (durable) this.storeOutage.answered();
      owned.lastSeq = event.seq;
      // Stored before sent; handed to the bus now, in seq order.
      return { stored: event, sending: this.send(callId, event) };
    });
    owned.chain = turn.catch(() => undefined);
    return turn.then(async (outcome): Promise<Publication> => {
      if (!('sending' in outcome)) return outcome;
      await outcome.sending;
      return { sent: outcome.stored };
    });
  }

  /** Sends a stored event on the bus. */
  private async send(callId: string, event: CallEventMessage): Promise<void> {
    try {
      await this.bus.publish(event);
    } catch (error) {
      if (error instanceof CallOwnershipLost) throw this.loseCall(callId, error);
      throw error;
    }
  }

  /**
   * Puts a durable event in the call's backlog. Past `TNT_STORE_BACKLOG_PER_CALL` the event is refused
   * (thrown, logged once, counted) and the call is ended as `store-unavailable`: its `ended` event may still wait.
   */
  private wait(callId: string, owned: OwnedCall, make: (seq: number) => CallEventMessage, inDoubt?: CallEventMessage): Publication {
    const sample = inDoubt ?? make(0);
    const isEnd = sample.type === 'call' && sample.event === 'ended';
    if (owned.backlog.length >= this.config.storeBacklogPerCall && !isEnd) {
      this.overflow(callId, owned);
      throw new StoreUnavailable(callId, `call ${callId}: too many of its events wait for the call store; this one is not kept`, {
        cause: undefined,
      });
    }
    const waiting = new Promise<CallEventMessage>((stored, failed) => owned.backlog.push({ make, event: inDoubt, stored, failed }));
    this.scheduleRetry(callId, owned);
    return { waiting };
  }

  private scheduleRetry(callId: string, owned: OwnedCall): void {
    if (owned.retryTimer !== undefined) return;
    const delay = Math.min(this.retry.initialDelayMs * 2 ** owned.retries, this.retry.maxDelayMs);
    owned.retryTimer = this.retry.timers.setTimeout(() => {
      owned.retryTimer = undefined;
      const turn = owned.chain.then(() => this.retryBacklog(callId, owned));
      owned.chain = turn.catch((error: unknown) =>
        this.logger.error({ msg: 'retrying the events that wait for the call store failed', callId, error: describeError(error) }),
      );
    }, delay);
  }

  /**
   * Tries the call's waiting events again, oldest first, as one turn of its publication chain: each
   * the store takes is numbered (or keeps the seq of its in-doubt attempt), then sent. A failure to
   * reach the store again schedules the next try, later; a refusal for good fails that event alone.
   */
  private async retryBacklog(callId: string, owned: OwnedCall): Promise<void> {
    while (owned.backlog.length > 0) {
      if (this.ownedCalls.get(callId) !== owned) {
        for (const waitingEvent of owned.backlog.splice(0)) waitingEvent.failed(new CallMovedElsewhere(callId));
        return;
      }
      const head = owned.backlog[0];
      const event = head.event ?? head.make(owned.lastSeq + 1);
      this.storeRetries.inc();
      try {
        await this.store.append(event);
      } catch (error) {
        if (error instanceof LogUnreachable) {
          if (error.mayHaveCommitted) head.event = event;
          owned.retries++;
          this.storeOutage.failed(error);
          this.scheduleRetry(callId, owned);
          return;
        }
        owned.backlog.shift();
        head.failed(error);
        if (error instanceof CallOwnershipLost) {
          this.loseCall(callId, error);
          for (const waitingEvent of owned.backlog.splice(0)) waitingEvent.failed(new CallMovedElsewhere(callId));
          return;
        }
        this.logger.error({
          msg: 'the call store refused an event that waited for it',
          callId,
          seq: event.seq,
          error: describeError(error),
        });
        continue;
      }
      owned.retries = 0;
      this.storeOutage.answered();
      owned.backlog.shift();
      owned.lastSeq = event.seq;
      try {
        await this.send(callId, event);
        head.stored(event);
      } catch (error) {
        head.failed(error);
      }
    }
  }

  /** A call with more waiting events than allowed: ended as `store-unavailable`, and its audio side told to stop. */
  private overflow(callId: string, owned: OwnedCall): void {
    this.backlogOverflows.inc();
    if (owned.ending) return;
    this.logger.error({
      msg:
        `call ${callId}: ${owned.backlog.length} final segments and call events already wait for the call store ` +
        '(TNT_STORE_BACKLOG_PER_CALL); the newest is not kept and the call is ended as store-unavailable. The waiting ones ' +
        'are stored and sent when the store answers. Restore PostgreSQL, or raise TNT_STORE_BACKLOG_PER_CALL to ride out longer outages.',
      callId,
    });
    for (const handler of this.callLostHandlers) handler(callId, 'store-unavailable');
    this.endCall(callId, 'store-unavailable').catch((error: unknown) =>
      this.logger.error({ msg: 'ending a call whose backlog overflowed failed', callId, error: describeError(error) }),
    );
  }

  /** Stops owning a call another instance took over, and tells those feeding it. */
  private loseCall(callId: string, cause?: unknown): CallMovedElsewhere {
    if (this.ownedCalls.delete(callId)) {
      this.logger.warn({ msg: 'call taken over by another instance; this instance stops writing it', callId });
      for (const handler of this.callLostHandlers) handler(callId, 'moved');
    }
    return new CallMovedElsewhere(callId, cause === undefined ? undefined : { cause });
  }

  private fanOut(event: CallEventMessage, json: string, details?: CallInfo): void {
    const callId = callIdOf(event);
    if (event.type === 'call') this.knownCalls.set(callId, event.call);
    else if (details && !this.knownCalls.has(callId)) this.knownCalls.set(callId, details);
    const call = this.knownCalls.get(callId);
    if (!call) {
      this.logger.warn(`event ${event.seq} of unknown call ${callId} dropped from fan-out`);
      return;
    }
    // An event of a call this instance owns that it did not number: another instance took it over.
    // Not while this instance is still starting or taking over the call (no seq of its own yet):
    // the former owner's last events may still be on their way then.
    const owned = this.ownedCalls.get(callId);
    if (owned && owned.lastSeq > 0 && event.seq > owned.lastSeq) this.loseCall(callId);
    if (event.type === 'call' && event.event === 'ended' && !this.evictionTimers.has(callId)) this.scheduleEviction(callId);
    this.subscriptions.deliver(call, json, event);
  }

  private scheduleEviction(callId: string): void {
    const timer = setTimeout(() => {
      this.evictionTimers.delete(callId);
      this.store.evict(callId);
      this.knownCalls.delete(callId);
      this.ownedCalls.delete(callId);
    }, this.config.endedCallRetentionMs);
    timer.unref();
    this.evictionTimers.set(callId, timer);
  }
}

/** For `'*'`: whether a live event is already covered by the listing or a call's catch-up. */
function coveredByAllCalls(start: Omit<SubscriptionStart, 'goLive'>): (event: CallEventMessage) => boolean {
  const seqs = new Map<string, number>();
  for (const call of start.acknowledgement.calls ?? []) seqs.set(call.id, call.lastSeq ?? 0);
  for (const message of start.catchUp) {
    const callId = message.type === 'snapshot' ? message.callId : callIdOf(message);
    seqs.set(callId, Math.max(seqs.get(callId) ?? 0, message.seq));
  }
  return (event) => event.seq <= (seqs.get(callIdOf(event)) ?? 0);
}
