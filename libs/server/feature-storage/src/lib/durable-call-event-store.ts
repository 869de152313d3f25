import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';
import type { CallEventStore, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import type { DurableCallLog } from './durable-call-log';

/**
 * The memory ring in front of a durable log. Writes go to the log first (committed before the
 * session service sends the event) and then to memory; reads are served from memory when it
 * can, and from the log when the ring no longer holds what is asked or the call is not in
 * memory (evicted, or recorded before a restart).
 *
 * The log keeps call events and final segments only, so a replay it serves skips the `seq`s of
 * interim segments: the numbers still increase and no final segment is missing.
 */
export class DurableCallEventStore implements CallEventStore {
  constructor(
    private readonly memory: MemoryCallEventStore,
    private readonly log: DurableCallLog,
  ) {}

  createCall(call: CallInfo): void {
    this.log.createCall(call);
    this.memory.createCall(call);
  }

  append(event: CallEventMessage): void {
    this.log.append(event);
    this.memory.append(event);
  }

  getCall(callId: string): CallInfo | undefined {
    return this.memory.getCall(callId) ?? this.log.getCall(callId);
  }

  /** The calls held in memory (live, or ended within the retention time), newest first. */
  listCalls(): CallInfo[] {
    return this.memory.listCalls();
  }

  eventsSince(callId: string, since: number): CallEventMessage[] | undefined {
    return this.memory.eventsSince(callId, since) ?? this.log.eventsAfter(callId, since);
  }

  snapshot(callId: string): SnapshotMessage | undefined {
    return this.memory.snapshot(callId) ?? this.log.snapshot(callId);
  }

  /** Forgets the call in memory; the log keeps it. */
  evict(callId: string): void {
    this.memory.evict(callId);
  }
}
