import {
  ALL_CALLS,
  ERROR_CODES,
  MAX_ALL_CALLS_POSITIONS,
  callIdOf,
  type CallInfo,
  type ClientMessage,
  type ServerMessage,
  type SubscribeMessage,
  type SubscribedMessage,
} from '@tnt/protocol';
import { CallSeqTracker } from './call-seq-tracker';
import type { SubscriptionBook } from './subscription-book';

/**
 * The call events of one dashboard, each once and without a gap across connections: it drops
 * events already delivered (by `seq`) and says which subscribes restore a new connection (with
 * `since`). For `'*'`, `since` names the last seq of every call the dashboard knows, and the
 * server recovers each of them in the same answer (its missed events, or its snapshot). Only calls
 * the dashboard cannot name that way (new to it, or an id now used by another call) are fetched once
 * as a snapshot.
 */
export class GapFreeFeed {
  private readonly seqs = new CallSeqTracker();
  /** Calls asked for once (subscribe for a snapshot, then unsubscribe) to repair the `'*'` feed. */
  private readonly snapshotFetches = new Set<string>();

  constructor(
    private readonly book: SubscriptionBook,
    private readonly send: (message: ClientMessage) => void,
  ) {}

  /** The newest seq delivered for a call. */
  lastSeqOf(callId: string): number | undefined {
    return this.seqs.lastSeqOf(callId);
  }

  /** Forgets what was delivered for a call; its next subscribe asks for a snapshot. */
  forget(callId: string): void {
    this.seqs.forget(callId);
  }

  /** The subscribe for one call: with `since` when something of it was delivered. */
  subscribeTo(callId: string): ClientMessage {
    const since = this.seqs.lastSeqOf(callId);
    return since === undefined ? { type: 'subscribe', callId } : { type: 'subscribe', callId, since };
  }

  /**
   * The `'*'` subscribe: with `since` naming the last seq of each call known and not watched on its
   * own (those recover through their own subscribe), so that the server fills every gap at once.
   * At most `MAX_ALL_CALLS_POSITIONS` calls, the most recently heard of (the gateway refuses more);
   * a dashboard keeps far fewer (its live calls and 30 ended ones).
   */
  subscribeToAllCalls(): SubscribeMessage {
    const positions = this.seqs.positions((callId) => this.book.watchesCall(callId), MAX_ALL_CALLS_POSITIONS);
    return Object.keys(positions).length === 0
      ? { type: 'subscribe', callId: ALL_CALLS }
      : { type: 'subscribe', callId: ALL_CALLS, since: positions };
  }

  /** The subscribes that restore every subscription on a new connection. */
  resubscribeMessages(): ClientMessage[] {
    return this.book.resubscribeMessages(
      (callId) => this.seqs.lastSeqOf(callId),
      () => this.subscribeToAllCalls(),
    );
  }

  /** The connection is gone: snapshot fetches in flight will not be answered. */
  connectionLost(): void {
    this.snapshotFetches.clear();
  }

  /**
   * Takes a message in; false when it must not be passed on (an event already delivered).
   * Sends what the repair needs (an unsubscribe after a fetched snapshot, snapshot fetches).
   */
  admit(message: ServerMessage): boolean {
    switch (message.type) {
      case 'transcript':
      case 'call':
      case 'insight':
        return this.seqs.accept(callIdOf(message), message);
      case 'snapshot':
        this.seqs.resetTo(message);
        if (this.snapshotFetches.delete(message.callId) && !this.book.watchesCall(message.callId)) {
          this.send({ type: 'unsubscribe', callId: message.callId });
        }
        return true;
      case 'subscribed':
        if (message.callId === ALL_CALLS) this.fetchCallsNotRecovered(message);
        return true;
      case 'error':
        if (message.code === ERROR_CODES.CALL_NOT_FOUND && message.callId) this.snapshotFetches.delete(message.callId);
        return true;
      default:
        return true;
    }
  }

  /**
   * The server recovered every call the `'*'` subscribe named (`recoveredCalls`). A listed call it
   * did not recover is one the dashboard knows nothing of (it started while the dashboard was away,
   * or this is the first `'*'`) or holds at another seq: it is fetched once as a snapshot. A call
   * whose id now names another call (another start, e.g. after a server restart) is fetched too,
   * because its recovery started from the old call's seq. Calls watched on their own came back
   * through their own subscribe.
   */
  private fetchCallsNotRecovered(acknowledgement: SubscribedMessage): void {
    for (const call of acknowledgement.calls ?? []) {
      if (this.book.watchesCall(call.id) || this.snapshotFetches.has(call.id)) continue;
      const startedAt = this.seqs.startedAtOf(call.id);
      const idReused = startedAt !== undefined && startedAt !== call.startedAt;
      // hasOwn, not a lookup: `constructor` is a valid call id and every object has one.
      const recovered = acknowledgement.recoveredCalls !== undefined && Object.hasOwn(acknowledgement.recoveredCalls, call.id);
      if (!idReused && (recovered || !this.seqs.isBehind(call))) continue;
      if (idReused) this.seqs.forget(call.id);
      this.fetchSnapshot(call);
    }
  }

  private fetchSnapshot(call: CallInfo): void {
    this.snapshotFetches.add(call.id);
    this.send({ type: 'subscribe', callId: call.id });
  }
}
