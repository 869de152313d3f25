import { callIdOf, type CallEventMessage } from '@tnt/protocol';

/** One event waiting to be appended, with the JSON readers will receive (serialised once). */
export interface PendingAppend {
  readonly event: CallEventMessage;
  readonly json: string;
  readonly callId: string;
  readonly seq: number;
  /** The caller's promise, until it is settled (appended, fenced, or resolved as queued during an outage). */
  waiter?: { resolve(): void; reject(error: Error): void };
}

/** What kind of event a bounded queue gave up on (the `kind` label of the drop counter). */
export type DroppedKind = 'interim' | 'final' | 'call' | 'insight';

/** Wraps an event for the queue, serialising it once. */
export function pendingAppend(event: CallEventMessage): PendingAppend {
  return { event, json: JSON.stringify(event), callId: callIdOf(event), seq: event.seq };
}

/** The kind of a queued event, as counted when it is dropped. */
export function kindOf(entry: PendingAppend): DroppedKind {
  if (entry.event.type !== 'transcript') return entry.event.type;
  return entry.event.transcript.isFinal ? 'final' : 'interim';
}

/**
 * The events of one call not yet on the stream, oldest first; the head is the one being appended.
 * Bounded while Redis cannot be reached (until then each event's publisher is still waiting for it,
 * which is its back-pressure): past `max`, the least useful event goes first: an interim already superseded by a later
 * interim or final of the same segment (nobody needs it once the later one arrives), then the oldest
 * interim, and only then, as a last resort, the oldest final or call event (readers fill such holes
 * from the durable log, where finals and call events were committed before they were queued here).
 */
export class CallAppendQueue {
  private readonly entries: PendingAppend[] = [];

  constructor(private readonly max: number) {}

  get length(): number {
    return this.entries.length;
  }

  /** The oldest event: the next to append. */
  head(): PendingAppend | undefined {
    return this.entries[0];
  }

  /** The oldest `count` events (fewer when fewer are queued): the next run to append. */
  first(count: number): PendingAppend[] {
    return this.entries.slice(0, count);
  }

  /** Removes the head once it is on the stream (or refused). */
  shift(): PendingAppend | undefined {
    return this.entries.shift();
  }

  /** Every queued event, oldest first (for settling them all at once). */
  all(): readonly PendingAppend[] {
    return this.entries;
  }

  /** Empties the queue, returning what it held. */
  clear(): PendingAppend[] {
    return this.entries.splice(0, this.entries.length);
  }

  /** Queues `entry` at the end. */
  push(entry: PendingAppend): void {
    this.entries.push(entry);
  }

  /**
   * Drops events until the queue is within its bound and returns them. The oldest `inFlight` events
   * are never dropped (the run being appended: it may already have reached Redis).
   */
  trim(inFlight: number): PendingAppend[] {
    const dropped: PendingAppend[] = [];
    const first = inFlight;
    while (this.entries.length > this.max && this.entries.length > first) {
      dropped.push(...this.entries.splice(this.victimIndex(first), 1));
    }
    return dropped;
  }

  private victimIndex(first: number): number {
    const superseded = this.oldestSupersededInterim(first);
    if (superseded !== undefined) return superseded;
    for (let index = first; index < this.entries.length; index++) {
      if (kindOf(this.entries[index]) === 'interim') return index;
    }
    return first;
  }

  private oldestSupersededInterim(first: number): number | undefined {
    // Walk from the newest so each interim is checked against the segments queued after it.
    const laterSegments = new Set<string>();
    let oldest: number | undefined;
    for (let index = this.entries.length - 1; index >= first; index--) {
      const event = this.entries[index].event;
      if (event.type !== 'transcript') continue;
      if (!event.transcript.isFinal && laterSegments.has(event.transcript.id)) oldest = index;
      laterSegments.add(event.transcript.id);
    }
    return oldest;
  }
}
