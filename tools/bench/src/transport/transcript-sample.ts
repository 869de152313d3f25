import type { Speaker, TranscriptMessage } from '@tnt/protocol';

/** Sentences the baselines "hear": lengths like the turns of a real call (4–14 words). */
const SAMPLE_SENTENCES: readonly string[] = [
  'Good afternoon, you are through to billing, how can I help?',
  'My last invoice shows a late fee I do not think I owe.',
  'Let me pull up the account, could you give me your postcode?',
  'It is north one, seven bravo.',
  'Thanks, I see the payment arrived a day after the due date.',
  'The bank holiday held it up, I paid on the Friday.',
  'That makes sense, I will remove the fee as a one-off.',
  'Brilliant, that is all I needed today.',
];

/** Audio time between interim hypotheses, as the scripted engine paces them. */
const INTERIM_STEP_MS = 250;

/**
 * Transcript messages of one call with the shape and size of TnT's (interims growing word by
 * word, then the final of the turn; speakers alternate), stamped with the publish time in ISO ms
 * like TnT's `transcript.timestamp`. `seq` starts at 1 and increases by 1.
 */
export class TranscriptMessageSource {
  private seq = 0;
  private turn = 0;
  private heardWords = 0;
  private clockMs = 700;

  /**
   * @param callId the call every message names
   * @param epochNow reads the wall clock (ms since the epoch) for `transcript.timestamp`; tests step their own
   */
  constructor(
    readonly callId: string,
    private readonly epochNow: () => number = Date.now,
  ) {}

  /** The last `seq` handed out (0 before the first message). */
  get lastSeq(): number {
    return this.seq;
  }

  /** The next message, timestamped now. */
  next(): TranscriptMessage {
    const words = SAMPLE_SENTENCES[this.turn % SAMPLE_SENTENCES.length].split(' ');
    this.heardWords++;
    const isFinal = this.heardWords >= words.length;
    const speaker: Speaker = this.turn % 2 === 0 ? 'agent' : 'caller';
    const startMs = this.clockMs;
    const message: TranscriptMessage = {
      type: 'transcript',
      callId: this.callId,
      seq: ++this.seq,
      transcript: {
        id: `${speaker}-u${this.turn + 1}`,
        text: words.slice(0, this.heardWords).join(' '),
        speaker,
        confidence: isFinal ? 0.91 : 0.81,
        timestamp: new Date(this.epochNow()).toISOString(),
        isFinal,
        startMs,
        endMs: startMs + this.heardWords * INTERIM_STEP_MS,
        engine: 'scripted',
        simulated: true,
      },
    };
    if (isFinal) {
      this.clockMs += this.heardWords * INTERIM_STEP_MS + 700;
      this.turn++;
      this.heardWords = 0;
    }
    return message;
  }
}
