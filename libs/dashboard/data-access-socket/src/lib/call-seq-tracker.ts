import type { AllCallsPositions, CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

interface Seen {
  lastSeq: number;
  /** Identifies the call's lifetime: an id reused by a new call (e.g. after a server restart) has another start. */
  startedAt?: string;
}

/**
 * The newest `seq` delivered per call, so that replays after a reconnect add nothing twice:
 * an event is new when its `seq` is greater than the last one seen. Gaps are allowed, because a
 * replay from a store that keeps only final segments skips the numbers of superseded interims.
 */
export class CallSeqTracker {
  private readonly seen = new Map<string, Seen>();

  /** The newest seq delivered for the call, or `undefined` when nothing was. */
  lastSeqOf(callId: string): number | undefined {
    return this.seen.get(callId)?.lastSeq;
  }

  /**
   * The newest seq delivered of every call it knows, except those `skip` says to leave out; at most
   * `limit` of them, the most recently heard of first to go in (a server bounds how many one
   * `subscribe '*'` may name).
   */
  positions(skip: (callId: string) => boolean = () => false, limit = Number.POSITIVE_INFINITY): AllCallsPositions {
    const named: [string, number][] = [];
    for (const [callId, seen] of this.seen) if (!skip(callId)) named.push([callId, seen.lastSeq]);
    // Entries, not property writes: `__proto__` and `constructor` are valid call ids.
    return Object.fromEntries(named.slice(Math.max(0, named.length - limit)));
  }

  /** When the call started, as far as its events said. */
  startedAtOf(callId: string): string | undefined {
    return this.seen.get(callId)?.startedAt;
  }

  /**
   * True (and remembered) when the event is new; false for a duplicate. A `call` event of a
   * different lifetime than the one remembered starts the count again.
   */
  accept(callId: string, event: CallEventMessage): boolean {
    const seen = this.seen.get(callId);
    if (event.type === 'call' && seen?.startedAt !== undefined && seen.startedAt !== event.call.startedAt) {
      this.seen.set(callId, { lastSeq: event.seq, startedAt: event.call.startedAt });
      return true;
    }
    if (seen && event.seq <= seen.lastSeq) return false;
    this.seen.set(callId, { lastSeq: event.seq, startedAt: event.type === 'call' ? event.call.startedAt : seen?.startedAt });
    return true;
  }

  /** A snapshot is the whole state at its seq: it replaces whatever was remembered. */
  resetTo(snapshot: SnapshotMessage): void {
    this.seen.set(snapshot.callId, { lastSeq: snapshot.seq, startedAt: snapshot.call.startedAt });
  }

  /**
   * True when the server's view of the call (from a `subscribed` list) differs from what was
   * delivered: events were missed, or the id now names another call.
   */
  isBehind(call: CallInfo): boolean {
    const seen = this.seen.get(call.id);
    if (!seen) return true;
    if (seen.startedAt !== undefined && seen.startedAt !== call.startedAt) return true;
    return call.lastSeq === undefined || call.lastSeq !== seen.lastSeq;
  }

  /** Forgets a call, e.g. one the store dropped; its next subscribe asks for a snapshot. */
  forget(callId: string): void {
    this.seen.delete(callId);
  }
}
