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

/** The time, timers and randomness a {@link TimerPublisher} runs on; tests step their own. */
export interface PublisherClock {
  /** Monotonic ms: when events fall due. */
  now(): number;
  /** Wall-clock ms since the epoch: the messages' timestamps. */
  epochNow(): number;
  /** 0 (inclusive) to 1 (exclusive): where in the stagger window each call starts. */
  random(): number;
  /** Calls `tick` every `intervalMs` until the returned function is called. */
  every(intervalMs: number, tick: () => void): () => void;
  /** Resolves `delayMs` from now. */
  after(delayMs: number): Promise<void>;
}

/** Node's clocks and timers, and `Math.random`. */
export const realPublisherClock: PublisherClock = {
  now: () => performance.now(),
  epochNow: () => Date.now(),
  random: () => Math.random(),
  every: (intervalMs, tick) => {
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  },
  after: (delayMs) => new Promise((resolve) => setTimeout(resolve, delayMs)),
};

/**
 * The baselines' publish pattern: a timer that emits each call's transcript events at a steady
 * rate, starting the calls at random moments within the stagger window.
 */
export class TimerPublisher {
  private stopTicking: (() => void) | undefined;
  private calls: { source: TranscriptMessageSource; dueAt: number }[] = [];
  private intervalMs = 0;

  /**
   * @param publish sends one call's message
   * @param clock the time and timers to publish by (the real ones by default)
   */
  constructor(
    private readonly publish: (callId: string, message: TranscriptMessage) => void,
    private readonly clock: PublisherClock = realPublisherClock,
  ) {}

  /** Starts publishing; resolves once every call has started. */
  start(plan: PublishPlan): Promise<void> {
    if (this.stopTicking) throw new Error('the publisher is already running');
    if (!(plan.ratePerCall > 0)) throw new Error(`ratePerCall must be positive (got ${plan.ratePerCall})`);
    const { clock } = this;
    const now = clock.now();
    this.intervalMs = 1000 / plan.ratePerCall;
    this.calls = plan.callIds.map((callId) => ({
      source: new TranscriptMessageSource(callId, () => clock.epochNow()),
      dueAt: now + clock.random() * plan.staggerMs,
    }));
    this.stopTicking = clock.every(TICK_MS, () => this.publishDue());
    return clock.after(plan.staggerMs);
  }

  /** Stops publishing and returns the last `seq` of every call. */
  stop(): Record<string, number> {
    this.stopTicking?.();
    this.stopTicking = undefined;
    return Object.fromEntries(this.calls.map((call) => [call.source.callId, call.source.lastSeq]));
  }

  /** Publishes every event due by now; after a late tick that is several per call, so no call drifts behind its rate. */
  private publishDue(): void {
    const now = this.clock.now();
    for (const call of this.calls) {
      while (call.dueAt <= now) {
        this.publish(call.source.callId, call.source.next());
        call.dueAt += this.intervalMs;
      }
    }
  }
}
