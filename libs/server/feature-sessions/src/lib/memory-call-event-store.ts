import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';
import { CallHistory } from './call-history';
import type { CallEventStore } from './call-event-store';
import { callIdOf } from '@tnt/protocol';

/** Runs `write` now; its exception, if any, becomes the rejection. */
function settle(write: () => void): Promise<void> {
  try {
    write();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** Keeps calls in memory, each with a bounded ring of its latest `historySize` events. */
export class MemoryCallEventStore implements CallEventStore {
  private readonly calls = new Map<string, CallHistory>();

  constructor(private readonly historySize: number) {}

  createCall(call: CallInfo): Promise<void> {
    return settle(() => this.createCallNow(call));
  }

  append(event: CallEventMessage): Promise<void> {
    return settle(() => this.appendNow(event));
  }

  getCall(callId: string): Promise<CallInfo | undefined> {
    return Promise.resolve(this.getCallNow(callId));
  }

  listCalls(): Promise<CallInfo[]> {
    return Promise.resolve(this.listCallsNow());
  }

  eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined> {
    return Promise.resolve(this.eventsSinceNow(callId, since));
  }

  snapshot(callId: string): Promise<SnapshotMessage | undefined> {
    return Promise.resolve(this.snapshotNow(callId));
  }

  // The same, answered synchronously, for stores that put this ring in front of a log.

  /** Starts holding a call whose last event before now was `firstSeq` (0: a new call). */
  createCallNow(call: CallInfo, firstSeq = 0): void {
    this.calls.set(call.id, new CallHistory(call, this.historySize, firstSeq));
  }

  /** Holds the call's next event; throws when the call is not held or `seq` does not follow (see `CallHistory.append`). */
  appendNow(event: CallEventMessage, allowJump = false): void {
    const history = this.calls.get(callIdOf(event));
    if (!history) throw new Error(`call ${callIdOf(event)} is not in the store`);
    history.append(event, allowJump);
  }

  /** True when the call is held. */
  holds(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** The seq of the newest event held of the call, or `undefined` when the call is not held. */
  lastSeqOf(callId: string): number | undefined {
    return this.calls.get(callId)?.lastSeq;
  }

  getCallNow(callId: string): CallInfo | undefined {
    return this.calls.get(callId)?.call;
  }

  listCallsNow(): CallInfo[] {
    return [...this.calls.values()].map((history) => history.call).reverse();
  }

  eventsSinceNow(callId: string, since: number): CallEventMessage[] | undefined {
    return this.calls.get(callId)?.eventsSince(since);
  }

  snapshotNow(callId: string): SnapshotMessage | undefined {
    return this.calls.get(callId)?.snapshot();
  }

  evict(callId: string): void {
    this.calls.delete(callId);
  }
}
