import { guard, literal, number, object, optional, string, type Infer } from './schema';
import { SPEAKER } from './speaker';

/** The lexicon sentiment is scored with, named in every reading so a client can say how it was made. */
export const SENTIMENT_LEXICON = 'afinn-165';

/**
 * A lexicon-based sentiment reading of one final segment: `score` is the segment's sentiment from
 * -1 (negative) through 0 (neutral) to 1 (positive), scored word by word with the `lexicon` (AFINN-165,
 * negation-aware; not a model of tone); `callerTrend` is the mean score of the caller's latest finals
 * (the segment's own included when the caller said it), absent until the caller has said something.
 * `id` is `<segmentId>:sentiment`.
 */
export const SENTIMENT_INSIGHT = object(
  {
    kind: literal('sentiment'),
    id: string({ min: 1 }),
    timestamp: string(),
    speaker: SPEAKER,
    segmentId: string({ min: 1 }),
    score: number({ min: -1, max: 1 }),
    callerTrend: optional(number({ min: -1, max: 1 })),
    lexicon: string({ min: 1 }),
  },
  'keep',
);
/** A sentiment reading, see {@link SENTIMENT_INSIGHT}. */
export type SentimentInsight = Infer<typeof SENTIMENT_INSIGHT>;

/** True for a well-formed `sentiment` insight. */
export const isSentimentInsight = guard(SENTIMENT_INSIGHT);
