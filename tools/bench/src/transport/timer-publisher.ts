import type { TranscriptMessage } from '@tnt/protocol';
import { TranscriptMessageSource } from './transcript-sample';

/** Which calls publish, how fast, and over how long their starts are spread. */
export interface PublishPlan {
  readonly callIds: readonly string[];
  /** Transcript events per second of each call. */
  readonly ratePerCall: number;
  /** Each call starts at a random moment within this, so the calls' events interleave. */
  readonly staggerMs: number;
}

/** How often the timer looks for due events; TnT's ingest delivers audio to each call every 100 ms. */
const TICK_MS = 5;

/**
 * The baselines' publish pattern: a timer that emits each call's transcript events at a steady
 * rate, starting the calls at random moments within the stagger window.
 */
export class TimerPublisher {
  private timer: NodeJS.Timeout | undefined;
  private calls: { source: TranscriptMessageSource; dueAt: number }[] = [];
  private intervalMs = 0;

  constructor(private readonly publish: (callId: string, message: TranscriptMessage) => void) {}

  /** Starts publishing; resolves once every call has started. */
  start(plan: PublishPlan): Promise<void> {
    if (this.timer) throw new Error('the publisher is already running');
    if (!(plan.ratePerCall > 0)) throw new Error(`ratePerCall must be positive (got ${plan.ratePerCall})`);
    const now = performance.now();
    this.intervalMs = 1000 / plan.ratePerCall;
    this.calls = plan.callIds.map((callId) => ({ source: new TranscriptMessageSource(callId), dueAt: now + Math.random() * plan.staggerMs }));
    this.timer = setInterval(() => this.publishDue(), TICK_MS);
    return new Promise((resolve) => setTimeout(resolve, plan.staggerMs));
  }

  /** Stops publishing and returns the last `seq` of every call. */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.timer = undefined;
    return Object.fromEntries(this.calls.map((call) => [call.source.callId, call.source.lastSeq]));
  }

  private publishDue(): void {
    const now = performance.now();
    for (const call of this.calls) {
      while (call.dueAt <= now) {
        this.publish(call.source.callId, call.source.next());
        call.dueAt += this.intervalMs;
      }
    }
  }
}
