import { SPEAKERS, type Speaker, type TranscriptSegment } from '@tnt/protocol';

/** Where on the call's audio timeline one speaker was heard, and how many words a final said there. */
export interface HeardSpan {
  readonly speaker: Speaker;
  readonly startMs: number;
  readonly endMs: number;
  /** Words of a final segment; 0 for an interim (its words are not settled yet). */
  readonly words: number;
}

/**
 * What a call's segments told so far, kept small: the spans of its finals (append-only) and of the
 * interims not yet replaced by their final (by segment id), and the furthest point anyone was heard.
 */
export interface TalkTimeline {
  readonly finals: readonly HeardSpan[];
  readonly interims: ReadonlyMap<string, HeardSpan>;
  readonly heardToMs: number;
}

/** A call nobody has been heard on yet. */
export const EMPTY_TIMELINE: TalkTimeline = { finals: [], interims: new Map(), heardToMs: 0 };

/** One reading of a call's talk, as the `metrics` insight carries it (see the protocol's `TALK_METRICS_INSIGHT`). */
export interface TalkReading {
  readonly asOfMs: number;
  readonly talkMs: Readonly<Record<Speaker, number>>;
  readonly agentTalkRatio: number;
  readonly silenceMs: number;
  readonly overtalkMs: number;
  readonly longestSilenceMs: number;
  readonly wordsPerMinute: Readonly<Record<Speaker, number>>;
}

type Interval = readonly [start: number, end: number];

function countWords(segment: TranscriptSegment): number {
  // The engine's words when the server formatted the text ("five business days", not "5 business days.").
  const words = (segment.raw ?? segment.text).trim();
  return words === '' ? 0 : words.split(/\s+/).length;
}

/**
 * The timeline after one more segment: an interim counts as talk from its start to its end (it is
 * speech being heard), and is replaced by its final, which also gives the words said.
 */
export function hearSegment(timeline: TalkTimeline, segment: TranscriptSegment): TalkTimeline {
  const startMs = Math.max(0, Math.min(segment.startMs, segment.endMs));
  const endMs = Math.max(0, segment.endMs);
  const heardToMs = Math.max(timeline.heardToMs, endMs);
  const interims = new Map(timeline.interims);
  interims.delete(segment.id);
  if (!segment.isFinal) {
    interims.set(segment.id, { speaker: segment.speaker, startMs, endMs, words: 0 });
    return { finals: timeline.finals, interims, heardToMs };
  }
  const span: HeardSpan = { speaker: segment.speaker, startMs, endMs, words: countWords(segment) };
  return { finals: [...timeline.finals, span], interims, heardToMs };
}

/** Sorted, non-overlapping intervals covering the same time as `spans`, cut at `untilMs`. */
function merged(spans: Iterable<HeardSpan>, untilMs: number): Interval[] {
  const sorted = [...spans]
    .map((span): Interval => [span.startMs, Math.min(span.endMs, untilMs)])
    .filter(([start, end]) => end > start)
    .sort((left, right) => left[0] - right[0]);
  const result: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = result.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else result.push([start, end]);
  }
  return result;
}

function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [start, end]) => sum + end - start, 0);
}

/** Time covered by both lists (each sorted and non-overlapping). */
function overlapMs(left: readonly Interval[], right: readonly Interval[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    sum += Math.max(0, Math.min(left[i][1], right[j][1]) - Math.max(left[i][0], right[j][0]));
    if (left[i][1] < right[j][1]) i++;
    else j++;
  }
  return sum;
}

/** The longest stretch of `[0, untilMs)` no interval covers. */
function longestGapMs(intervals: readonly Interval[], untilMs: number): number {
  let longest = 0;
  let from = 0;
  for (const [start, end] of intervals) {
    longest = Math.max(longest, start - from);
    from = end;
  }
  return Math.max(longest, untilMs - from);
}

function perSpeaker(value: (speaker: Speaker) => number): Record<Speaker, number> {
  return Object.fromEntries(SPEAKERS.map((speaker) => [speaker, value(speaker)])) as Record<Speaker, number>;
}

/**
 * Reads the call's talk from the start of its audio up to `asOfMs` (default, and at least: the
 * furthest point anyone was heard). Silence is time nobody was heard, overtalk time both were.
 */
export function readTalk(timeline: TalkTimeline, asOfMs = timeline.heardToMs): TalkReading {
  const untilMs = Math.max(asOfMs, timeline.heardToMs);
  const spans = [...timeline.finals, ...timeline.interims.values()];
  const heard = { caller: merged(spansOf(spans, 'caller'), untilMs), agent: merged(spansOf(spans, 'agent'), untilMs) };
  const talk = perSpeaker((speaker) => totalMs(heard[speaker]));
  const everyone = merged(spans, untilMs);
  const talked = talk.agent + talk.caller;
  return {
    asOfMs: Math.round(untilMs),
    talkMs: perSpeaker((speaker) => Math.round(talk[speaker])),
    agentTalkRatio: talked === 0 ? 0 : Math.round((talk.agent / talked) * 1000) / 1000,
    silenceMs: Math.round(untilMs - totalMs(everyone)),
    overtalkMs: Math.round(overlapMs(heard.caller, heard.agent)),
    longestSilenceMs: Math.round(longestGapMs(everyone, untilMs)),
    wordsPerMinute: perSpeaker((speaker) => {
      const finals = spansOf(timeline.finals, speaker);
      const spokenMs = totalMs(merged(finals, untilMs));
      const words = finals.reduce((sum, span) => sum + span.words, 0);
      return spokenMs === 0 ? 0 : Math.round((words * 60_000) / spokenMs);
    }),
  };
}

function spansOf(spans: readonly HeardSpan[], speaker: Speaker): HeardSpan[] {
  return spans.filter((span) => span.speaker === speaker);
}
