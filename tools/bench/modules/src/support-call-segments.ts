import type { Speaker, TranscriptSegment } from '@tnt/protocol';

/**
 * Turns of a support call as a speech engine writes them (lower case, no punctuation, numbers and
 * addresses in words): spoken card, phone, social security numbers and dates, an e-mail address,
 * a number split across two segments, alert phrases and agent-assist triggers, and plain talk.
 */
export const SUPPORT_CALL_TURNS: readonly { readonly speaker: Speaker; readonly words: string }[] = [
  { speaker: 'agent', words: 'thank you for calling the billing team this is dana how can i help you today' },
  { speaker: 'caller', words: 'hi i was charged twice on my phone bill this month and i want to cancel my account' },
  { speaker: 'agent', words: 'i am sorry about that can you read me the card number on the account' },
  { speaker: 'caller', words: 'sure it is four one one one double one one one' },
  { speaker: 'caller', words: 'one one one one one one one one' },
  { speaker: 'agent', words: 'thank you and the email address on file please' },
  { speaker: 'caller', words: 'it is jane dot miller at example dot com' },
  { speaker: 'agent', words: 'and a phone number we can reach you on' },
  { speaker: 'caller', words: 'five five five one two three four five six seven' },
  { speaker: 'agent', words: 'for security can you confirm your date of birth and social security number' },
  {
    speaker: 'caller',
    words: 'i was born on the fourth of march nineteen eighty two and it is one two three four five six seven eight nine',
  },
  { speaker: 'caller', words: 'this is terrible i am really angry and disappointed i want to make a complaint' },
  { speaker: 'agent', words: 'i understand i have issued a refund and it should reach your account in three to five working days' },
  { speaker: 'caller', words: 'my parcel has still not arrived either and the order number is five five eight three' },
  { speaker: 'agent', words: 'the van was delayed it is on the way and you will get a text message before it arrives' },
  { speaker: 'caller', words: 'also i forgot my password and cannot log in to the app' },
  { speaker: 'agent', words: 'no problem i will send a reset link to the email on file now' },
  { speaker: 'caller', words: 'great thank you so much for your help that is all' },
];

/** A new interim every this many words, as an engine reports a growing hypothesis (≈ every 250 ms of speech). */
const WORDS_PER_INTERIM = 2;
/** Audio per word and between turns, for the segments' times. */
const MS_PER_WORD = 330;
const MS_BETWEEN_TURNS = 700;

/**
 * One call's segments in the order an engine emits them: per turn, an interim every
 * {@link WORDS_PER_INTERIM} words (the hypothesis so far) and then the final with every word.
 */
export function supportCallSegments(): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let startMs = 0;
  SUPPORT_CALL_TURNS.forEach((turn, turnIndex) => {
    const words = turn.words.split(' ');
    const segment = (text: string, wordCount: number, isFinal: boolean): TranscriptSegment => ({
      id: `${turn.speaker}-${turnIndex}`,
      text,
      speaker: turn.speaker,
      confidence: 0.9,
      timestamp: '2026-01-01T00:00:00.000Z',
      isFinal,
      startMs,
      endMs: startMs + wordCount * MS_PER_WORD,
      engine: 'bench',
      simulated: true,
    });
    for (let count = WORDS_PER_INTERIM; count < words.length; count += WORDS_PER_INTERIM)
      segments.push(segment(words.slice(0, count).join(' '), count, false));
    segments.push(segment(turn.words, words.length, true));
    startMs += words.length * MS_PER_WORD + MS_BETWEEN_TURNS;
  });
  return segments;
}
