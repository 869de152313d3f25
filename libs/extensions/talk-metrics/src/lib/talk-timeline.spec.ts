import type { TranscriptSegment } from '@tnt/protocol';
import { EMPTY_TIMELINE, hearSegment, readTalk, type TalkReading } from './talk-timeline';
import { heardSegment as heard } from './heard-segment';

function readAfter(segments: readonly TranscriptSegment[], asOfMs?: number): TalkReading {
  return readTalk(segments.reduce(hearSegment, EMPTY_TIMELINE), asOfMs);
}

const nothing = { caller: 0, agent: 0 };

describe('talk timeline', () => {
  it.each<[string, TranscriptSegment[], number | undefined, TalkReading]>([
    [
      'nobody heard yet',
      [],
      undefined,
      { asOfMs: 0, talkMs: nothing, agentTalkRatio: 0, silenceMs: 0, overtalkMs: 0, longestSilenceMs: 0, wordsPerMinute: nothing },
    ],
    [
      'a single speaker with a pause before and between',
      [heard('a1', 'agent', 1000, 3000, 'hello thanks for calling'), heard('a2', 'agent', 6000, 8000, 'how can i help')],
      undefined,
      {
        asOfMs: 8000,
        talkMs: { caller: 0, agent: 4000 },
        agentTalkRatio: 1,
        silenceMs: 4000,
        overtalkMs: 0,
        longestSilenceMs: 3000,
        wordsPerMinute: { caller: 0, agent: 120 },
      },
    ],
    [
      'both speakers taking turns with a gap',
      [heard('a1', 'agent', 0, 2000, 'one two three four'), heard('c1', 'caller', 2500, 5500, 'one two three four five six')],
      undefined,
      {
        asOfMs: 5500,
        talkMs: { caller: 3000, agent: 2000 },
        agentTalkRatio: 0.4,
        silenceMs: 500,
        overtalkMs: 0,
        longestSilenceMs: 500,
        wordsPerMinute: { caller: 120, agent: 120 },
      },
    ],
    [
      'both speaking at once (overtalk counts as talk for each, once as time)',
      [heard('a1', 'agent', 0, 4000, 'a b c d'), heard('c1', 'caller', 3000, 6000, 'e f')],
      undefined,
      {
        asOfMs: 6000,
        talkMs: { caller: 3000, agent: 4000 },
        agentTalkRatio: 0.571,
        silenceMs: 0,
        overtalkMs: 1000,
        longestSilenceMs: 0,
        wordsPerMinute: { caller: 40, agent: 60 },
      },
    ],
    [
      "overlapping segments of one speaker count once, and overtalk is against the other's whole talk",
      [
        heard('c1', 'caller', 0, 3000, 'x'),
        heard('c2', 'caller', 2000, 5000, 'y'),
        heard('a1', 'agent', 1000, 2000, 'z'),
        heard('a2', 'agent', 4000, 7000, 'w'),
      ],
      undefined,
      {
        asOfMs: 7000,
        talkMs: { caller: 5000, agent: 4000 },
        agentTalkRatio: 0.444,
        silenceMs: 0,
        overtalkMs: 2000,
        longestSilenceMs: 0,
        wordsPerMinute: { caller: 24, agent: 30 },
      },
    ],
    [
      'an interim counts as talk but not yet as words, and its final replaces it',
      [
        heard('c1', 'caller', 1000, 2000, 'i want', false),
        heard('c1', 'caller', 1000, 2500, 'i want', false),
        heard('a1', 'agent', 3000, 4000, 'okay sure'),
      ],
      undefined,
      {
        asOfMs: 4000,
        talkMs: { caller: 1500, agent: 1000 },
        agentTalkRatio: 0.4,
        silenceMs: 1500,
        overtalkMs: 0,
        longestSilenceMs: 1000,
        wordsPerMinute: { caller: 0, agent: 120 },
      },
    ],
    [
      'a final shorter than its interims takes their place',
      [heard('c1', 'caller', 0, 3000, 'hm', false), heard('c1', 'caller', 0, 1000, 'hm')],
      undefined,
      {
        asOfMs: 3000,
        talkMs: { caller: 1000, agent: 0 },
        agentTalkRatio: 0,
        silenceMs: 2000,
        overtalkMs: 0,
        longestSilenceMs: 2000,
        wordsPerMinute: { caller: 60, agent: 0 },
      },
    ],
    [
      'silence after the last words, read as of a later point of the audio',
      [heard('a1', 'agent', 0, 1000, 'hello')],
      10_000,
      {
        asOfMs: 10_000,
        talkMs: { caller: 0, agent: 1000 },
        agentTalkRatio: 1,
        silenceMs: 9000,
        overtalkMs: 0,
        longestSilenceMs: 9000,
        wordsPerMinute: { caller: 0, agent: 60 },
      },
    ],
  ])('%s', (_case, segments, asOfMs, expected) => {
    expect(readAfter(segments, asOfMs)).toEqual(expected);
  });

  it('counts the engine words of a formatted final, not its digits', () => {
    const formatted = { ...heard('c1', 'caller', 0, 3000, 'In 5 business days.'), raw: 'in five business days' };
    expect(readAfter([formatted]).wordsPerMinute.caller).toBe(80);
  });

  it('leaves the timeline it was given unchanged', () => {
    const before = hearSegment(EMPTY_TIMELINE, heard('c1', 'caller', 0, 1000, 'hi', false));
    hearSegment(before, heard('c1', 'caller', 0, 1200, 'hi'));
    expect(before.finals).toEqual([]);
    expect([...before.interims.keys()]).toEqual(['c1']);
  });
});
