import type { TranscriptSegment } from '@tnt/protocol';
import { parseSrt, parseWebVtt } from '../../testing/subtitle-parsers';
import { formatCueTime } from './cues';
import { toSrt } from './srt';
import { toWebVtt } from './webvtt';

function final(id: string, speaker: 'caller' | 'agent', startMs: number, endMs: number, text: string): TranscriptSegment {
  return {
    id,
    text,
    speaker,
    confidence: 0.9,
    timestamp: '2026-03-01T10:00:00.000Z',
    isFinal: true,
    startMs,
    endMs,
    engine: 'scripted',
    simulated: true,
  };
}

// In seq order, as stored: the agent's answer overlaps the caller's next words.
const segments: TranscriptSegment[] = [
  final('c1', 'caller', 1_200, 3_450, 'Hello, I was charged twice & need <help>.'),
  final('a1', 'agent', 3_900, 6_010, 'Sorry about that --> let me check.'),
  final('c2', 'caller', 5_500, 7_000, 'Thanks'),
  final('a2', 'agent', 3_725_042, 3_729_999, 'Anything else after an hour?'),
];

const expected = [
  { startMs: 1_200, endMs: 3_450, speaker: 'Caller', text: 'Hello, I was charged twice & need <help>.' },
  { startMs: 3_900, endMs: 6_010, speaker: 'Agent', text: 'Sorry about that --> let me check.' },
  { startMs: 5_500, endMs: 7_000, speaker: 'Caller', text: 'Thanks' },
  { startMs: 3_725_042, endMs: 3_729_999, speaker: 'Agent', text: 'Anything else after an hour?' },
];

describe('subtitle exports', () => {
  it('writes WebVTT that parses back to the same speakers, texts and timings', () => {
    const vtt = toWebVtt('CA123', segments);
    expect(
      vtt.startsWith(
        'WEBVTT - call CA123\n\n1\n00:00:01.200 --> 00:00:03.450\n<v Caller>Hello, I was charged twice &amp; need &lt;help&gt;.\n',
      ),
    ).toBe(true);
    expect(parseWebVtt(vtt)).toEqual(expected);
  });

  it('writes SRT that parses back to the same speakers, texts and timings', () => {
    const srt = toSrt(segments);
    expect(srt.startsWith('1\n00:00:01,200 --> 00:00:03,450\nCaller: Hello, I was charged twice & need <help>.\n\n2\n')).toBe(true);
    expect(parseSrt(srt)).toEqual(expected);
  });

  it('orders cues by start time, whatever the order of the segments', () => {
    const shuffled = [segments[3], segments[1], segments[0], segments[2]];
    expect(parseWebVtt(toWebVtt('x', shuffled)).map((cue) => cue.startMs)).toEqual([1_200, 3_900, 5_500, 3_725_042]);
    expect(parseSrt(toSrt(shuffled)).map((cue) => cue.startMs)).toEqual([1_200, 3_900, 5_500, 3_725_042]);
  });

  it('keeps each cue on one line and never lets a cue end before it starts', () => {
    const odd = [final('x', 'caller', 2_000.4, 1_999, 'first line\n\nsecond line')];
    expect(parseWebVtt(toWebVtt('x', odd))).toEqual([{ startMs: 2_000, endMs: 2_001, speaker: 'Caller', text: 'first line second line' }]);
  });

  it('writes an empty but valid file for a call without final segments', () => {
    expect(parseWebVtt(toWebVtt('x', []))).toEqual([]);
    expect(toSrt([])).toBe('');
  });

  it('formats cue times with hours beyond 99', () => {
    expect(formatCueTime(360_000_000 + 61_001, '.')).toBe('100:01:01.001');
    expect(formatCueTime(0, ',')).toBe('00:00:00,000');
  });
});
