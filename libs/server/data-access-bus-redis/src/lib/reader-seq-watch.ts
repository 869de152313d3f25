import { callIdOf, type CallEventMessage } from '@tnt/protocol';

/** Calls followed at most; past it the oldest is forgotten (a call that never ends must not grow the map). */
const MAX_CALLS = 100_000;

/**
 * Counts entries whose seq does not follow their call's previous entry: holes left by events
 * dropped during an outage or trimmed before they were read. It only counts; filling them from the
 * durable log is the reader's consumer's job.
 */
export class ReaderSeqWatch {
  private readonly lastSeq = new Map<string, number>();

  constructor(private readonly onGap: () => void) {}

  observe(event: CallEventMessage): void {
    const callId = callIdOf(event);
    const previous = this.lastSeq.get(callId);
    if (previous !== undefined && event.seq !== previous + 1) this.onGap();
    if (event.type === 'call' && event.event === 'ended') {
      this.lastSeq.delete(callId);
      return;
    }
    this.lastSeq.delete(callId);
    this.lastSeq.set(callId, event.seq);
    if (this.lastSeq.size > MAX_CALLS) this.lastSeq.delete(this.lastSeq.keys().next().value as string);
  }
}
