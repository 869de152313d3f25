import type { Speaker, TranscriptSegment } from '@tnt/protocol';
import { preciseNow } from './latency-summary';

/** Turn lengths like a real call's (4–14 words). */
const SENTENCES: readonly string[] = [
  'Thank you for calling, this is Dana, how can I help you today?',
  'Hi, I was charged twice for my internet bill this month.',
  'I am sorry about that, can you confirm the last four digits of the card?',
  'Sure, it ends in four two seven one.',
  'I can see both payments and I have refunded the second one now.',
  'Great, how long will the refund take?',
  'It should reach your account within three to five working days.',
  'Perfect, thank you so much.',
];

/**
 * The final segments of one benchmark call, shaped like the engine's: speakers alternate, times
 * advance. Each carries `annotations.sentAt` (epoch ms, fractional), which the clients subtract
 * from their receive time; annotations are what transcript processors add in production too.
 */
export class FinalSegmentSource {
  private count = 0;
  private clockMs = 0;

  constructor(readonly callId: string) {}

  /** The next final, stamped with the moment it is handed to the gateway. */
  next(): TranscriptSegment {
    const text = SENTENCES[this.count % SENTENCES.length];
    const speaker: Speaker = this.count % 2 === 0 ? 'agent' : 'caller';
    const startMs = this.clockMs;
    const endMs = startMs + text.split(' ').length * 300;
    this.clockMs = endMs + 700;
    this.count++;
    return {
      id: `${speaker}-${this.count}`,
      text,
      speaker,
      confidence: 0.91,
      timestamp: new Date().toISOString(),
      isFinal: true,
      startMs,
      endMs,
      engine: 'bench',
      simulated: true,
      annotations: { sentAt: preciseNow() },
    };
  }
}
