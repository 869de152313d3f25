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

  /**
   * The log commits an event before it goes on the stream, so it can be ahead of what the feed has
   * handed on here; those events reach this instance's subscribers live, after their catch-up. A
   * replay from the log therefore stops at the ring's newest event, and is empty for an active call
   * the feed has not brought yet (its `started` is on the way): replaying them too would send them
   * twice. A call the ring no longer holds and that has ended gets its whole stored history.
   */
  async eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined> {
    const fromRing = this.ring.eventsSinceNow(callId, since);
    if (fromRing) return fromRing;
    const fromLog = await this.log.eventsAfter(callId, since);
    if (!fromLog) return undefined;
    // Read after the log answered: the feed may have handed on more meanwhile, and those are not live any more.
    // The ring's answer, when it has one now, is complete (interims too) and ends exactly there.
    const fromRingNow = this.ring.eventsSinceNow(callId, since);
    if (fromRingNow) return fromRingNow;
    const handedOn = this.ring.lastSeqOf(callId);
    if (handedOn !== undefined) return fromLog.filter((event) => event.seq <= handedOn);
    const stored = await this.log.getCall(callId);
    const fromRingLater = this.ring.eventsSinceNow(callId, since);
    if (fromRingLater) return fromRingLater;
    const handedOnNow = this.ring.lastSeqOf(callId);
    if (handedOnNow !== undefined) return fromLog.filter((event) => event.seq <= handedOnNow);
    return stored?.call.status === 'active' ? [] : fromLog;
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
