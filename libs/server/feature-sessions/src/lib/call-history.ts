import type { CallEventMessage, CallInfo, Insight, SnapshotMessage, TranscriptSegment } from '@tnt/protocol';

/**
 * One call held in memory: its newest state, a bounded ring of its latest events for replay,
 * every final segment and every insight (for snapshots) and the interim segments still open.
 */
export class CallHistory {
  private readonly ring: (CallEventMessage | undefined)[];
  private ringStart = 0;
  private ringLength = 0;
  private readonly finals: TranscriptSegment[] = [];
  private readonly openInterims = new Map<string, TranscriptSegment>();
  private readonly insights: Insight[] = [];
  private newestSeq: number;
  /** False when the call was first held after its first event: its finals before then are not here. */
  private readonly heldFromStart: boolean;

  /** @param firstSeq the seq of the last event the call had before it was held (0: held from its start). */
  constructor(
    private current: CallInfo,
    capacity: number,
    firstSeq = 0,
  ) {
    this.ring = new Array(capacity);
    this.newestSeq = firstSeq;
    this.heldFromStart = firstSeq === 0;
  }

  /** The call as it is now, with `lastSeq`. */
  get call(): CallInfo {
    return { ...this.current, lastSeq: this.newestSeq };
  }

  /** The newest event's seq, 0 before the first event. */
  get lastSeq(): number {
    return this.newestSeq;
  }

  /**
   * Records the next event; its `seq` must be `lastSeq + 1`. With `allowJump`, a higher `seq` is taken
   * too (a replay from the log skips interim segments): the ring then restarts at that event, as
   * the events in between are not all here.
   */
  append(event: CallEventMessage, allowJump = false): void {
    if (event.seq !== this.newestSeq + 1) {
      if (!allowJump || event.seq <= this.newestSeq) {
        throw new Error(`call ${this.current.id}: event seq ${event.seq} does not follow ${this.newestSeq}`);
      }
      this.ringLength = 0;
    }
    this.newestSeq = event.seq;
    if (event.type === 'call') {
      this.current = event.call;
    } else if (event.type === 'insight') {
      this.insights.push(event.insight);
    } else if (event.transcript.isFinal) {
      this.openInterims.delete(event.transcript.id);
      this.finals.push(event.transcript);
    } else {
      this.openInterims.set(event.transcript.id, event.transcript);
    }
    this.pushToRing(event);
  }

  /**
   * The events after `since`, oldest first; `undefined` when the ring no longer holds all of
   * them or `since` lies ahead of this call (the caller then sends a snapshot).
   */
  eventsSince(since: number): CallEventMessage[] | undefined {
    if (since > this.newestSeq || since < 0) return undefined;
    const missing = this.newestSeq - since;
    if (missing > this.ringLength) return undefined;
    const events: CallEventMessage[] = [];
    for (let offset = this.ringLength - missing; offset < this.ringLength; offset++) {
      events.push(this.ring[(this.ringStart + offset) % this.ring.length] as CallEventMessage);
    }
    return events;
  }

  /** The call's whole transcript now (finals in order, then open interims) and its insights; `undefined` when not held from its start. */
  snapshot(): SnapshotMessage | undefined {
    if (!this.heldFromStart) return undefined;
    return {
      type: 'snapshot',
      callId: this.current.id,
      seq: this.newestSeq,
      call: this.call,
      transcript: [...this.finals, ...this.openInterims.values()],
      insights: [...this.insights],
    };
  }

  private pushToRing(event: CallEventMessage): void {
    if (this.ringLength < this.ring.length) {
      this.ring[(this.ringStart + this.ringLength) % this.ring.length] = event;
      this.ringLength++;
    } else {
      this.ring[this.ringStart] = event;
      this.ringStart = (this.ringStart + 1) % this.ring.length;
    }
  }
}
