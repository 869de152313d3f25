import { ALL_CALLS, type SubscribeMessage } from '@tnt/protocol';

/**
 * Who in the app wants which subscriptions: a count per call id and for `'*'`, so two views of
 * the same call share one server subscription and it ends when the last of them lets go.
 */
export class SubscriptionBook {
  private readonly watchers = new Map<string, number>();

  /** Counts one more watcher; true when it is the first (the server must be told). */
  add(callId: string): boolean {
    const count = this.watchers.get(callId) ?? 0;
    this.watchers.set(callId, count + 1);
    return count === 0;
  }

  /** Counts one watcher less; true when it was the last (the server must be told). */
  remove(callId: string): boolean {
    const count = this.watchers.get(callId) ?? 0;
    if (count <= 1) {
      this.watchers.delete(callId);
      return count === 1;
    }
    this.watchers.set(callId, count - 1);
    return false;
  }

  /** True while anyone watches this call directly (not counting `'*'`). */
  watchesCall(callId: string): boolean {
    return callId !== ALL_CALLS && this.watchers.has(callId);
  }

  /** True while anyone watches every call. */
  get watchesAllCalls(): boolean {
    return this.watchers.has(ALL_CALLS);
  }

  /** True while anyone watches anything (a call or every call). */
  get watchesAnything(): boolean {
    return this.watchers.size > 0;
  }

  /**
   * The subscribes that restore every subscription on a new connection: single calls first, with
   * `since` where a seq is known, then `'*'` as `allCallsSubscribe` builds it (with the positions of
   * the calls it knows). Single calls go first so that their replays reach the client before any
   * live event of the same call can arrive through `'*'`.
   */
  resubscribeMessages(lastSeqOf: (callId: string) => number | undefined, allCallsSubscribe: () => SubscribeMessage): SubscribeMessage[] {
    const single: SubscribeMessage[] = [];
    for (const callId of this.watchers.keys()) {
      if (callId === ALL_CALLS) continue;
      const since = lastSeqOf(callId);
      single.push(since === undefined ? { type: 'subscribe', callId } : { type: 'subscribe', callId, since });
    }
    return this.watchesAllCalls ? [...single, allCallsSubscribe()] : single;
  }
}
