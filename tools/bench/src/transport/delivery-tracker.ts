/** Whether one connection got every event of the calls it watches, by their `seq`. */
export interface DeliveryAccount {
  /** Events it should have received: `seq` 1..last of each watched call. */
  readonly expected: number;
  /** Distinct events it received. */
  readonly received: number;
  /** Expected events it never received. */
  readonly lost: number;
  /** Events received more than once. */
  readonly duplicates: number;
  /** Events that arrived after a later one of the same call. */
  readonly outOfOrder: number;
}

interface CallReception {
  next: number;
  distinct: number;
  duplicates: number;
  outOfOrder: number;
  /** Seqs skipped over that may still arrive late. */
  readonly missing: Set<number>;
}

/** Adds up {@link DeliveryAccount}s. */
export function addAccounts(left: DeliveryAccount, right: DeliveryAccount): DeliveryAccount {
  return {
    expected: left.expected + right.expected,
    received: left.received + right.received,
    lost: left.lost + right.lost,
    duplicates: left.duplicates + right.duplicates,
    outOfOrder: left.outOfOrder + right.outOfOrder,
  };
}

/** An account with nothing in it. */
export const EMPTY_ACCOUNT: DeliveryAccount = { expected: 0, received: 0, lost: 0, duplicates: 0, outOfOrder: 0 };

/** Per call, which `seq`s one connection received (each call's events are numbered 1, 2, 3, …). */
export class DeliveryTracker {
  private readonly calls = new Map<string, CallReception>();

  /** Notes that event `seq` of `callId` arrived. */
  received(callId: string, seq: number): void {
    let call = this.calls.get(callId);
    if (!call) this.calls.set(callId, (call = { next: 1, distinct: 0, duplicates: 0, outOfOrder: 0, missing: new Set() }));
    if (seq === call.next) {
      call.distinct++;
      call.next++;
    } else if (seq > call.next) {
      for (let skipped = call.next; skipped < seq; skipped++) call.missing.add(skipped);
      call.distinct++;
      call.next = seq + 1;
    } else if (call.missing.delete(seq)) {
      call.distinct++;
      call.outOfOrder++;
    } else {
      call.duplicates++;
    }
  }

  /** True when every event up to `lastSeq` of each watched call has arrived. */
  hasAll(lastSeqByCall: Readonly<Record<string, number>>, watches: (callId: string) => boolean): boolean {
    for (const [callId, lastSeq] of Object.entries(lastSeqByCall)) {
      if (!watches(callId)) continue;
      const call = this.calls.get(callId);
      if (lastSeq > 0 && (!call || call.next <= lastSeq || call.missing.size > 0)) return false;
    }
    return true;
  }

  /** Compares what arrived with `seq` 1..`lastSeq` of each watched call. */
  account(lastSeqByCall: Readonly<Record<string, number>>, watches: (callId: string) => boolean): DeliveryAccount {
    let account = EMPTY_ACCOUNT;
    for (const [callId, lastSeq] of Object.entries(lastSeqByCall)) {
      if (!watches(callId)) continue;
      const call = this.calls.get(callId);
      // Every seq below `next` either arrived or is in `missing`.
      const highest = call ? Math.min(call.next - 1, lastSeq) : 0;
      let stillMissing = 0;
      for (const seq of call?.missing ?? []) if (seq <= highest) stillMissing++;
      const distinctUpToLast = highest - stillMissing;
      account = addAccounts(account, {
        expected: lastSeq,
        received: distinctUpToLast,
        lost: lastSeq - distinctUpToLast,
        duplicates: call?.duplicates ?? 0,
        outOfOrder: call?.outOfOrder ?? 0,
      });
    }
    return account;
  }

  /** Stops tracking calls that are no longer measured. */
  forget(callIds: Iterable<string>): void {
    for (const callId of callIds) this.calls.delete(callId);
  }
}
