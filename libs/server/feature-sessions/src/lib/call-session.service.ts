import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ALL_CALLS,
  callIdOf,
  type AllCallsPositions,
  type CallEndReason,
  type CallEventKind,
  type CallEventMessage,
  type CallInfo,
  type SnapshotMessage,
  type SubscribedMessage,
  type TranscriptSegment,
} from '@tnt/protocol';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { LATENCY_BUCKETS_SECONDS, METRICS, type HistogramMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { randomUUID } from 'node:crypto';
import { allCallsCatchUp, catchUpFrom, snapshotOf } from './call-catch-up';
import { CALL_EVENT_BUS, type CallEventBus } from './call-event-bus';
import { CALL_EVENT_STORE, type CallEventStore } from './call-event-store';
import { CallAlreadyEnded, CallConflict, callNotFound, notSubscribed, StoreUnavailable } from './call-session-errors';
import type { EventSubscriber } from './event-subscriber';
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
}

/** What a new subscription must send before live events, in this order. */
export interface SubscriptionStart {
  acknowledgement: SubscribedMessage;
  /**
   * Missed events (`recovered`), or a snapshot when the gap cannot be filled or no `since` was given;
   * for `'*'`, that for each call named in `since`, one call after the other.
   */
  catchUp: (CallEventMessage | SnapshotMessage)[];
}

/**
 * Owns calls: their lifecycle, the numbering of their events (`seq`), their history and who
 * is subscribed. Every event goes store → bus → subscribers, so a client never sees an event
 * that the store does not hold.
 */
@Injectable()
export class CallSessionService implements OnModuleDestroy {
  private readonly logger = new Logger(CallSessionService.name);
  private readonly subscriptions = new SubscriptionRegistry();
  /** Routing view of every call this instance has seen on the bus. */
  private readonly knownCalls = new Map<string, CallInfo>();
  /** Next `seq` of each call this instance owns. */
  private readonly lastSeqOfOwnedCalls = new Map<string, number>();
  private readonly evictionTimers = new Map<string, NodeJS.Timeout>();
  private readonly stopListening: () => void;
  private readonly transportLatency: HistogramMetric;

  constructor(
    @Inject(CALL_EVENT_STORE) private readonly store: CallEventStore,
    @Inject(CALL_EVENT_BUS) private readonly bus: CallEventBus,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
  ) {
    this.stopListening = bus.onEvent((event, json) => this.fanOut(event, json));
    metrics.gauge({ name: 'tnt_subscriptions', help: 'Subscriptions held by UI connections', sample: () => this.subscriptionCount });
    metrics.gauge({ name: 'tnt_calls_held', help: 'Calls the store holds in memory', sample: () => this.store.listCalls().length });
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
   * {@link StoreUnavailable} when the store cannot keep the start.
   */
  startCall(input: StartCallInput): CallInfo {
    const id = input.id ?? randomUUID();
    if (this.lastSeqOfOwnedCalls.has(id) || this.store.getCall(id)) throw new CallConflict(id);
    const call: CallInfo = {
      id,
      agentId: input.agentId,
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      startedAt: new Date().toISOString(),
      status: 'active',
    };
    try {
      this.store.createCall(call);
    } catch (error) {
      throw new StoreUnavailable(id, `call ${id} could not be stored`, { cause: error });
    }
    this.lastSeqOfOwnedCalls.set(id, 0);
    try {
      this.publishCallEvent('started', call);
    } catch (error) {
      this.abandonUnannouncedCall(id, error);
      throw new StoreUnavailable(id, `the start of call ${id} could not be stored`, { cause: error });
    }
    this.logger.log({ msg: 'call started', callId: id, agentId: call.agentId });
    return call;
  }

  /** Changes an active call's details (agent, numbers) and announces it. */
  updateCall(callId: string, changes: Partial<Pick<CallInfo, 'agentId' | 'from' | 'to'>>): CallInfo {
    const call = this.activeCall(callId);
    const updated: CallInfo = { ...withoutSeq(call), ...changes };
    this.publishCallEvent('updated', updated);
    return updated;
  }

  /** Ends an active call and announces it; it stays subscribable for the retention time. */
  endCall(callId: string, reason: CallEndReason): CallInfo {
    const call = this.activeCall(callId);
    const ended: CallInfo = { ...withoutSeq(call), status: 'ended', endedAt: new Date().toISOString(), endReason: reason };
    this.publishCallEvent('ended', ended);
    this.scheduleEviction(callId);
    this.logger.log({ msg: 'call ended', callId, reason });
    return ended;
  }

  /**
   * Numbers a transcript segment, stores it and sends it to the call's subscribers.
   * @param producedAt `performance.now()` when the segment was made, for the transport-latency figure.
   */
  publishTranscript(callId: string, transcript: TranscriptSegment, producedAt = performance.now()): void {
    this.activeCall(callId);
    this.publish({ type: 'transcript', callId, seq: this.nextSeq(callId), transcript });
    this.transportLatency.observe((performance.now() - producedAt) / 1000, { final: String(transcript.isFinal) });
  }

  /** The call as held now, or `undefined`. */
  getCall(callId: string): CallInfo | undefined {
    return this.store.getCall(callId);
  }

  /** Every call held in memory, newest first. */
  listCalls(): CallInfo[] {
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
   * Subscribe and catch up in one synchronous step: the store answers synchronously, nothing here
   * awaits, and the caller sends `acknowledgement` and `catchUp` before it returns to the event
   * loop. An event published before this call is therefore in the catch-up and one published after
   * it is delivered live: none is lost or doubled, for every call of a `'*'` recovery alike.
   */
  subscribe(subscriber: EventSubscriber, callId: string, since?: number | AllCallsPositions): SubscriptionStart {
    if (callId === ALL_CALLS) {
      if (typeof since === 'number') throw new TypeError(`since for '${ALL_CALLS}' maps call ids to seqs; got the number ${since}`);
      const start = allCallsCatchUp(this.store, subscriber, since);
      this.subscriptions.add(subscriber, ALL_CALLS);
      return start;
    }
    if (typeof since === 'object') throw new TypeError(`since for call ${callId} is a seq; a map is only for '${ALL_CALLS}'`);
    const call = this.store.getCall(callId);
    if (!call || !subscriber.canSee(call)) throw callNotFound(callId);
    const acknowledgement: SubscribedMessage = { type: 'subscribed', callId, lastSeq: call.lastSeq };
    let catchUp: SubscriptionStart['catchUp'];
    if (since === undefined) {
      catchUp = [snapshotOf(this.store, callId)];
    } else {
      const missed = catchUpFrom(this.store, callId, since);
      acknowledgement.recovered = missed.recovered;
      catchUp = missed.messages;
    }
    // Registered after the reads: a store that throws leaves no subscription behind.
    this.subscriptions.add(subscriber, callId);
    return { acknowledgement, catchUp };
  }

  /** Removes one subscription; throws `NOT_SUBSCRIBED` when there was none. */
  unsubscribe(subscriber: EventSubscriber, callId: string): void {
    if (!this.subscriptions.remove(subscriber, callId)) throw notSubscribed(callId);
  }

  /** Forgets every subscription of a subscriber that went away. */
  unsubscribeAll(subscriber: EventSubscriber): void {
    this.subscriptions.removeAll(subscriber);
  }

  /** How many subscriptions are held. */
  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  onModuleDestroy(): void {
    this.stopListening();
    for (const timer of this.evictionTimers.values()) clearTimeout(timer);
    this.evictionTimers.clear();
  }

  private activeCall(callId: string): CallInfo {
    const call = this.store.getCall(callId);
    if (!call || !this.lastSeqOfOwnedCalls.has(callId)) throw callNotFound(callId);
    if (call.status !== 'active') throw new CallAlreadyEnded(callId);
    return call;
  }

  /**
   * Undoes a call whose `started` event the store refused: no client has seen it, but the store
   * holds it as active. Its end is recorded (reason `store-unavailable`) so no board or history
   * shows it active; if the store refuses that too, memory forgets it, and a durable store's
   * record is ended as `interrupted` at the next start like any call a crash left open.
   */
  private abandonUnannouncedCall(callId: string, startFailure: unknown): void {
    this.logger.error(`call ${callId}: storing its start failed, ending it: ${describeError(startFailure)}`);
    try {
      this.endCall(callId, 'store-unavailable');
      return;
    } catch (endFailure) {
      this.logger.error(`call ${callId}: storing its end failed too, forgetting it in memory: ${describeError(endFailure)}`);
    }
    this.store.evict(callId);
    this.lastSeqOfOwnedCalls.delete(callId);
  }

  private publishCallEvent(event: CallEventKind, call: CallInfo): void {
    this.publish({ type: 'call', event, seq: this.nextSeq(call.id), call });
  }

  private nextSeq(callId: string): number {
    const seq = (this.lastSeqOfOwnedCalls.get(callId) ?? 0) + 1;
    this.lastSeqOfOwnedCalls.set(callId, seq);
    return seq;
  }

  private publish(event: CallEventMessage): void {
    try {
      this.store.append(event);
    } catch (error) {
      // Nothing was kept or sent: give the number back so the call's next event can still follow.
      this.lastSeqOfOwnedCalls.set(callIdOf(event), event.seq - 1);
      throw error;
    }
    this.bus.publish(event);
  }

  private fanOut(event: CallEventMessage, json: string): void {
    if (event.type === 'call') this.knownCalls.set(event.call.id, event.call);
    const call = this.knownCalls.get(callIdOf(event));
    if (!call) {
      this.logger.warn(`event ${event.seq} of unknown call ${callIdOf(event)} dropped from fan-out`);
      return;
    }
    this.subscriptions.deliver(call, json, event);
  }

  private scheduleEviction(callId: string): void {
    const timer = setTimeout(() => {
      this.evictionTimers.delete(callId);
      this.store.evict(callId);
      this.knownCalls.delete(callId);
      this.lastSeqOfOwnedCalls.delete(callId);
    }, this.config.endedCallRetentionMs);
    timer.unref();
    this.evictionTimers.set(callId, timer);
  }
}
