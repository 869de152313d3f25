import { guard, integer, literal, number, object, optional, string, type Infer } from './schema';
import { SPEAKER } from './speaker';

/** A value for each speaker of the call (`caller`, `agent`). */
const PER_SPEAKER = object({ caller: integer({ min: 0 }), agent: integer({ min: 0 }) }, 'keep');

/**
 * How the call's talk is going, read from its segments on the call's audio timeline (ms from the
 * start of the call's audio) up to `asOfMs`, the furthest point anyone was heard: `talkMs` per
 * speaker, `agentTalkRatio` (the agent's share of the talk, 0..1; 0 while nobody spoke), `silenceMs`
 * (nobody speaking), `overtalkMs` (both speaking), `longestSilenceMs`, and `wordsPerMinute` per
 * speaker (words of their final segments over the time those segments took). Readings are sent at
 * most every few seconds while the call is live; the last, sent right before the call's `ended`, has
 * `final: true`, so the stored call keeps its metrics. A client shows the latest reading.
 */
export const TALK_METRICS_INSIGHT = object(
  {
    kind: literal('metrics'),
    id: string({ min: 1 }),
    timestamp: string(),
    speaker: optional(SPEAKER),
    segmentId: optional(string()),
    asOfMs: integer({ min: 0 }),
    talkMs: PER_SPEAKER,
    agentTalkRatio: number({ min: 0, max: 1 }),
    silenceMs: integer({ min: 0 }),
    overtalkMs: integer({ min: 0 }),
    longestSilenceMs: integer({ min: 0 }),
    wordsPerMinute: PER_SPEAKER,
    final: optional(literal(true)),
  },
  'keep',
);
/** A talk-metrics reading, see {@link TALK_METRICS_INSIGHT}. */
export type TalkMetricsInsight = Infer<typeof TALK_METRICS_INSIGHT>;

/** True for a well-formed `metrics` insight. */
export const isTalkMetricsInsight = guard(TALK_METRICS_INSIGHT);
