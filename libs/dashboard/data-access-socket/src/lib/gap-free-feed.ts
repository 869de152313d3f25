import { ALL_CALLS, ERROR_CODES, callIdOf, type CallInfo, type ClientMessage, type ServerMessage } from '@tnt/protocol';
import { CallSeqTracker } from './call-seq-tracker';
import type { SubscriptionBook } from './subscription-book';

/**
 * The call events of one dashboard, each once and without a gap across connections: it drops
 * events already delivered (by `seq`), says which subscribes restore a new connection (with
 * `since`), and repairs the `'*'` feed, which has no `since`, by fetching a snapshot of each call
 * that moved on while the dashboard was away.
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

  /** The subscribes that restore every subscription on a new connection. */
  resubscribeMessages(): ClientMessage[] {
    return this.book.resubscribeMessages((callId) => this.seqs.lastSeqOf(callId));
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
        return this.seqs.accept(callIdOf(message), message);
      case 'snapshot':
        this.seqs.resetTo(message);
        if (this.snapshotFetches.delete(message.callId) && !this.book.watchesCall(message.callId)) {
          this.send({ type: 'unsubscribe', callId: message.callId });
        }
        return true;
      case 'subscribed':
        if (message.callId === ALL_CALLS) this.repairAllCallsFeed(message.calls ?? []);
        return true;
      case 'error':
        if (message.code === ERROR_CODES.CALL_NOT_FOUND && message.callId) this.snapshotFetches.delete(message.callId);
        return true;
      default:
        return true;
    }
  }

  /**
   * `'*'` has no `since`: after a reconnect, a call whose server-side seq differs from the last
   * one delivered missed events (or is another call under a reused id). Such calls are fetched
   * once as a snapshot, which replaces their transcript; calls watched directly already came
   * back with `since`.
   */
  private repairAllCallsFeed(calls: readonly CallInfo[]): void {
    for (const call of calls) {
      if (this.book.watchesCall(call.id) || this.snapshotFetches.has(call.id) || !this.seqs.isBehind(call)) continue;
      const startedAt = this.seqs.startedAtOf(call.id);
      if (startedAt !== undefined && startedAt !== call.startedAt) this.seqs.forget(call.id);
      this.snapshotFetches.add(call.id);
      this.send({ type: 'subscribe', callId: call.id });
    }
  }
}
