import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';
import { CallHistory } from './call-history';
import type { CallEventStore } from './call-event-store';
import { callIdOf } from '@tnt/protocol';

/** Keeps calls in memory, each with a bounded ring of its latest `historySize` events. */
export class MemoryCallEventStore implements CallEventStore {
  private readonly calls = new Map<string, CallHistory>();

  constructor(private readonly historySize: number) {}

  createCall(call: CallInfo): void {
    this.calls.set(call.id, new CallHistory(call, this.historySize));
  }

  append(event: CallEventMessage): void {
    const history = this.calls.get(callIdOf(event));
    if (!history) throw new Error(`call ${callIdOf(event)} is not in the store`);
    history.append(event);
  }

  getCall(callId: string): CallInfo | undefined {
    return this.calls.get(callId)?.call;
  }

  listCalls(): CallInfo[] {
    return [...this.calls.values()].map((history) => history.call).reverse();
  }

  eventsSince(callId: string, since: number): CallEventMessage[] | undefined {
    return this.calls.get(callId)?.eventsSince(since);
  }

  snapshot(callId: string): SnapshotMessage | undefined {
    return this.calls.get(callId)?.snapshot();
  }

  evict(callId: string): void {
    this.calls.delete(callId);
  }
}
