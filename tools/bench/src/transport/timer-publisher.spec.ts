import { isTranscriptMessage, type TranscriptMessage } from '@tnt/protocol';
import { TimerPublisher } from './timer-publisher';

describe('TimerPublisher', () => {
  it('publishes each call at its rate with seq 1, 2, 3, … and well-formed transcript messages', async () => {
    const published: TranscriptMessage[] = [];
    const publisher = new TimerPublisher((_callId, message) => published.push(message));
    const startedAt = performance.now();
    await publisher.start({ callIds: ['a', 'b'], ratePerCall: 50, staggerMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ranMs = performance.now() - startedAt;
    const lastSeqs = publisher.stop();
    for (const callId of ['a', 'b']) {
      const seqs = published.filter((message) => message.callId === callId).map((message) => message.seq);
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      // At least 1.1 s at 50/s, started within the first 100 ms: 50 events or more. At most one
      // event per 20 ms that really passed (56 when idle): a busy machine runs the timers late
      // and the publisher catches up, so a fixed upper bound would count the machine's load.
      expect(lastSeqs[callId]).toBeGreaterThanOrEqual(50);
      expect(lastSeqs[callId]).toBeLessThanOrEqual(Math.floor(ranMs / 20) + 1);
    }
    expect(published.every((message) => isTranscriptMessage(message))).toBe(true);
  });

  it('stamps each message with the time it was published, in ISO ms like TnT', async () => {
    const stamps: number[] = [];
    const publisher = new TimerPublisher((_callId, message) => stamps.push(Date.now() - Date.parse(message.transcript.timestamp)));
    await publisher.start({ callIds: ['a'], ratePerCall: 100, staggerMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    publisher.stop();
    expect(stamps.length).toBeGreaterThan(10);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(1);
  });
});
