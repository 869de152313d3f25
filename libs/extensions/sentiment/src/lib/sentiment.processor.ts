import { Inject, Injectable } from '@nestjs/common';
import { SENTIMENT_LEXICON, type AlertInsight, type SentimentInsight, type TranscriptSegment } from '@tnt/protocol';
import {
  ProcessesTranscripts,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
} from '@tnt/server/feature-transcription';
import { CallerTrends } from './caller-trend';
import { SENTIMENT_OPTIONS, type SentimentOptions } from './sentiment-options';
import { scoreSentiment } from './sentiment-scorer';

/** Where sentiment runs: after formatting (10) and redaction (20), before phrase alerts (200). */
export const SENTIMENT_ORDER = 150;
/** The rule and name of the alert raised when the caller turns negative. */
export const NEGATIVE_SENTIMENT_ALERT = 'negative-sentiment';

/**
 * Caller sentiment: every final segment (either speaker) is scored with the contact-centre AFINN
 * lexicon, annotated `sentiment: <score>` and followed by a `sentiment` insight carrying the
 * caller's rolling trend. When the caller's last `negativeRun` finals all read below
 * `negativeBelow`, one `alert` insight named `negative-sentiment` (warning) is raised for that run.
 * Interims are left alone: they change until they are final. A call's readings are held on the
 * instance transcribing it; a call taken over by another instance starts its trend afresh there.
 */
@Injectable()
@ProcessesTranscripts({ order: SENTIMENT_ORDER })
export class SentimentProcessor implements TranscriptProcessor {
  private readonly trends: CallerTrends;

  constructor(@Inject(SENTIMENT_OPTIONS) options: SentimentOptions) {
    this.trends = new CallerTrends(options);
  }

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    if (!segment.isFinal) return segment;
    const callId = context.call.id;
    const { score, words } = scoreSentiment(segment.text);
    const reading = segment.speaker === 'caller' ? this.trends.record(callId, score) : undefined;
    const callerTrend = reading?.trend ?? this.trends.trendOf(callId);
    const insight: SentimentInsight = {
      kind: 'sentiment',
      id: `${segment.id}:sentiment`,
      timestamp: segment.timestamp,
      speaker: segment.speaker,
      segmentId: segment.id,
      score,
      ...(callerTrend === undefined ? {} : { callerTrend }),
      lexicon: SENTIMENT_LEXICON,
    };
    context.raiseInsight(insight);
    if (reading?.turnedNegative) context.raiseInsight(negativeAlert(segment, words));
    return { ...segment, annotations: { ...segment.annotations, sentiment: score } };
  }

  callEnding(context: LiveCallContext): void {
    this.trends.forget(context.call.id);
  }
}

function negativeAlert(segment: TranscriptSegment, words: readonly string[]): AlertInsight {
  return {
    kind: 'alert',
    id: `${segment.id}:${NEGATIVE_SENTIMENT_ALERT}`,
    timestamp: segment.timestamp,
    speaker: segment.speaker,
    segmentId: segment.id,
    rule: NEGATIVE_SENTIMENT_ALERT,
    name: NEGATIVE_SENTIMENT_ALERT,
    severity: 'warning',
    matched: words.join(' '),
  };
}
