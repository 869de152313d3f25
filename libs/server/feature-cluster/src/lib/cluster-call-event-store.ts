import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';
import type { CallEventStore, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import type { ClusterCallLog, ClusterEventStream } from '@tnt/server/util-cluster';

/**
 * A cluster instance's store: the memory ring in front of the log every instance shares. Writes go
 * to the log only (committed before the event goes on the stream); the ring is filled from the
 * stream, by the {@link FirehoseFeed}, with every instance's events, so any instance serves a
 * `since` the same way. Reads come from the ring when it holds what is asked, else from the log.
 *
 * The log keeps call events and final segments, so a replay it serves skips interim `seq`s: the
 * numbers still increase and no final segment is missing.
 */
export class ClusterCallEventStore implements CallEventStore {
  constructor(
    readonly ring: MemoryCallEventStore,
    private readonly log: ClusterCallLog,
    private readonly stream: ClusterEventStream,
  ) {}

  createCall(call: CallInfo): Promise<void> {
    return this.log.createCall(call);
  }

  append(event: CallEventMessage): Promise<void> {
    return this.log.append(event);
  }

  async getCall(callId: string): Promise<CallInfo | undefined> {
    return this.ring.getCallNow(callId) ?? (await this.log.getCall(callId))?.call;
  }

  /** The calls in the ring: live on any instance, or ended within the retention time; newest first. */
  listCalls(): Promise<CallInfo[]> {
    return this.ring.listCalls();
  }

  async eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined> {
    return this.ring.eventsSinceNow(callId, since) ?? (await this.log.eventsAfter(callId, since));
  }

  async snapshot(callId: string): Promise<SnapshotMessage | undefined> {
    return this.ring.snapshotNow(callId) ?? (await this.log.snapshot(callId));
  }

  evict(callId: string): void {
    this.ring.evict(callId);
  }

  /**
   * Takes the call over in the log (the fence every instance's writes pass), then on the stream;
   * numbering continues after the higher of the two last seqs (interims reach only the stream).
   */
  async takeOver(callId: string, formerOwner?: string): Promise<CallInfo | undefined> {
    const owned = await this.log.takeOver(callId, formerOwner);
    if (!owned) return undefined;
    const streamSeq = await this.stream.claim(callId);
    return { ...owned.call, lastSeq: Math.max(owned.call.lastSeq, streamSeq) };
  }
}
