import { isTranscriptMessage, type TranscriptMessage } from '@tnt/protocol';
import { TimerPublisher, type PublisherClock } from './timer-publisher';

const EPOCH_AT_ZERO = Date.parse('2026-01-01T00:00:00.000Z');

/** A clock that moves only when the test ticks it; `random` hands out the given values in turn. */
class SteppedClock implements PublisherClock {
  private time = 0;
  private readonly tickers = new Set<() => void>();
  private readonly waits: { at: number; resolve: () => void }[] = [];

  constructor(private readonly randoms: number[]) {}

  now(): number {
    return this.time;
  }

  epochNow(): number {
    return EPOCH_AT_ZERO + this.time;
  }

  random(): number {
    const value = this.randoms.shift();
    if (value === undefined) throw new Error('the test gave too few random values');
    return value;
  }

  every(_intervalMs: number, tick: () => void): () => void {
    this.tickers.add(tick);
    return () => this.tickers.delete(tick);
  }

  after(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.waits.push({ at: this.time + delayMs, resolve }));
  }

  get ticking(): boolean {
    return this.tickers.size > 0;
  }

  /** Moves the clock to `atMs`, runs every timer tick once and ends the waits due by then. */
  tickAt(atMs: number): void {
    this.time = atMs;
    for (const tick of [...this.tickers]) tick();
    for (const wait of this.waits.filter((pending) => pending.at <= atMs)) wait.resolve();
  }
}

/** The messages published, per call. */
function recorder(): { publish: (callId: string, message: TranscriptMessage) => void; byCall: Map<string, TranscriptMessage[]> } {
  const byCall = new Map<string, TranscriptMessage[]>();
  return { byCall, publish: (callId, message) => byCall.set(callId, [...(byCall.get(callId) ?? []), message]) };
}

describe('TimerPublisher', () => {
  it('publishes each call at its rate from its own start in the stagger window, with seq 1, 2, 3, …', async () => {
    const clock = new SteppedClock([0, 0.5]);
    const { publish, byCall } = recorder();
    const publisher = new TimerPublisher(publish, clock);
    let allStarted = false;
    const started = publisher.start({ callIds: ['a', 'b'], ratePerCall: 50, staggerMs: 100 }).then(() => (allStarted = true));
    for (let at = 0; at <= 1000; at += 5) {
      clock.tickAt(at);
      if (at === 95) expect(allStarted).toBe(false);
      await Promise.resolve();
    }
    await started;
    const lastSeqs = publisher.stop();

    // One event every 20 ms: call a from 0 ms (51 by 1000 ms), call b from 50 ms (48).
    expect(lastSeqs).toEqual({ a: 51, b: 48 });
    for (const [callId, count] of [
      ['a', 51],
      ['b', 48],
    ] as const) {
      expect(byCall.get(callId)?.map((message) => message.seq)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    }
    expect([...byCall.values()].flat().every((message) => isTranscriptMessage(message))).toBe(true);
  });

  it('publishes every event that fell due during a late tick, so a call does not drift behind its rate', () => {
    const clock = new SteppedClock([0]);
    const { publish, byCall } = recorder();
    const publisher = new TimerPublisher(publish, clock);
    void publisher.start({ callIds: ['a'], ratePerCall: 50, staggerMs: 0 });
    clock.tickAt(0);
    expect(byCall.get('a')).toHaveLength(1);
    clock.tickAt(100);
    expect(byCall.get('a')).toHaveLength(6);
    publisher.stop();
  });

  it('stamps each message with the wall-clock time it was published, in ISO ms like TnT', () => {
    const clock = new SteppedClock([0]);
    const { publish, byCall } = recorder();
    const publisher = new TimerPublisher(publish, clock);
    void publisher.start({ callIds: ['a'], ratePerCall: 100, staggerMs: 0 });
    clock.tickAt(0);
    clock.tickAt(37);
    publisher.stop();

    expect(byCall.get('a')?.map((message) => message.transcript.timestamp)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.037Z',
      '2026-01-01T00:00:00.037Z',
      '2026-01-01T00:00:00.037Z',
    ]);
  });

  it('stops its timer when stopped and publishes nothing more', () => {
    const clock = new SteppedClock([0]);
    const { publish, byCall } = recorder();
    const publisher = new TimerPublisher(publish, clock);
    void publisher.start({ callIds: ['a'], ratePerCall: 50, staggerMs: 0 });
    clock.tickAt(0);
    expect(publisher.stop()).toEqual({ a: 1 });
    expect(clock.ticking).toBe(false);
    clock.tickAt(1000);
    expect(byCall.get('a')).toHaveLength(1);
  });
});
