import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';
import { MemoryCallEventStore } from '../lib/memory-call-event-store';

/** The reads a {@link SlowReadsStore} can hold back. */
export type StoreRead = 'getCall' | 'listCalls' | 'eventsSince' | 'snapshot';

/**
 * When a held read's answer is taken: `asked` answers as the store was when asked (a networked
 * store that read, then took long to reply), `released` as it is when the read is let through.
 */
export type AnswerTime = 'asked' | 'released';

/**
 * A memory store whose reads wait until the test lets them through, as a networked store's answers
 * take their time: subscribe's catch-up can then be raced by live events. Writes are not held.
 */
export class SlowReadsStore extends MemoryCallEventStore {
  private held = new Set<StoreRead>();
  private waiting: (() => void)[] = [];

  constructor(
    historySize: number,
    private readonly answerTime: AnswerTime,
  ) {
    super(historySize);
  }

  /** From now on, the `reads` named wait until {@link release} lets them through (none: no read waits). */
  hold(...reads: StoreRead[]): void {
    this.held = new Set(reads);
  }

  /** Resolves once a held read has been asked for and is waiting. */
  async readAsked(): Promise<void> {
    while (this.waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Lets the reads waiting now answer; later reads of the held kinds wait again. */
  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const answer of waiting) answer();
  }

  override getCall(callId: string): Promise<CallInfo | undefined> {
    return this.answer('getCall', () => this.getCallNow(callId));
  }

  override listCalls(): Promise<CallInfo[]> {
    return this.answer('listCalls', () => this.listCallsNow());
  }

  override eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined> {
    return this.answer('eventsSince', () => this.eventsSinceNow(callId, since));
  }

  override snapshot(callId: string): Promise<SnapshotMessage | undefined> {
    return this.answer('snapshot', () => this.snapshotNow(callId));
  }

  private answer<T>(read: StoreRead, now: () => T): Promise<T> {
    if (!this.held.has(read)) return Promise.resolve(now());
    // Copied through JSON: what the store read then, not the memory ring's objects as they become.
    const asked = this.answerTime === 'asked' ? (JSON.parse(JSON.stringify(now() ?? null)) as T | null) : undefined;
    return new Promise<T>((resolve) => this.waiting.push(() => resolve(this.answerTime === 'asked' ? (asked ?? (undefined as T)) : now())));
  }
}
