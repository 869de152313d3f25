import type { TranscriptSegment } from '@tnt/protocol';

/** The end of a speaker's previous final, in one text field. */
interface Carried {
  readonly words: readonly string[];
  /** Where that final ended in the speaker's audio. */
  readonly endMs: number;
}

/**
 * The last words of each speaker's previous final, per call and text field, so that a number or
 * address said across two segments is read as one. Held in memory only, for the next segment of
 * the same speaker within `windowMs` of audio; never stored, logged or sent. At most `maxCalls`
 * calls are held (the least recently used is forgotten), so ended calls do not pile up.
 */
export class SpeakerCarry {
  private readonly calls = new Map<string, Map<string, Carried>>();

  constructor(
    private readonly windowMs: number,
    private readonly maxCalls: number,
  ) {}

  /** The words carried into `segment`'s `field`: empty when there are none or the previous final is too long ago. */
  wordsBefore(callId: string, segment: TranscriptSegment, field: string): readonly string[] {
    const carried = this.calls.get(callId)?.get(keyOf(segment, field));
    if (!carried || segment.startMs - carried.endMs > this.windowMs) return [];
    return carried.words;
  }

  /** Remembers the words a final leaves open for the speaker's next segment (none: forgets what was held). */
  remember(callId: string, segment: TranscriptSegment, field: string, words: readonly string[]): void {
    let call = this.calls.get(callId);
    if (call) {
      this.calls.delete(callId);
    } else {
      call = new Map();
      if (this.calls.size >= this.maxCalls) this.calls.delete(this.calls.keys().next().value as string);
    }
    this.calls.set(callId, call);
    if (words.length === 0) call.delete(keyOf(segment, field));
    else call.set(keyOf(segment, field), { words, endMs: segment.endMs });
  }

  /** Forgets what the call's speakers left open (the call has ended). */
  forget(callId: string): void {
    this.calls.delete(callId);
  }

  /** How many calls have words held. */
  get size(): number {
    return this.calls.size;
  }
}

function keyOf(segment: TranscriptSegment, field: string): string {
  return `${segment.speaker}\u0000${field}`;
}
