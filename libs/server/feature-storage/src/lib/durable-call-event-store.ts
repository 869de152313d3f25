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

  async createCall(call: CallInfo): Promise<void> {
    await this.log.createCall(call);
    this.memory.createCallNow(call);
  }

  async append(event: CallEventMessage): Promise<void> {
    await this.log.append(event);
    this.memory.appendNow(event);
  }

  async getCall(callId: string): Promise<CallInfo | undefined> {
    return this.memory.getCallNow(callId) ?? (await this.log.getCall(callId));
  }

  /** The calls held in memory (live, or ended within the retention time), newest first. */
  listCalls(): Promise<CallInfo[]> {
    return this.memory.listCalls();
  }

  async eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined> {
    return this.memory.eventsSinceNow(callId, since) ?? (await this.log.eventsAfter(callId, since));
  }

  async snapshot(callId: string): Promise<SnapshotMessage | undefined> {
    return this.memory.snapshotNow(callId) ?? (await this.log.snapshot(callId));
  }

  /** Forgets the call in memory; the log keeps it. */
  evict(callId: string): void {
    this.memory.evict(callId);
  }
}
