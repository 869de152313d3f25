import { isAlertInsight, isSentimentInsight, type CallInfo, type Insight, type Speaker, type TranscriptSegment } from '@tnt/protocol';
import { DEFAULT_SENTIMENT_OPTIONS } from './sentiment.module';
import { SentimentProcessor } from './sentiment.processor';

const call: CallInfo = { id: 'call-1', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };

function segment(id: string, speaker: Speaker, text: string, isFinal = true): TranscriptSegment {
  return {
    id,
    text,
    speaker,
    confidence: 1,
    timestamp: '2026-01-01T00:00:01.000Z',
    isFinal,
    startMs: 0,
    endMs: 1000,
    engine: 'scripted',
    simulated: true,
  };
}

describe('SentimentProcessor', () => {
  function setUp() {
    const processor = new SentimentProcessor(DEFAULT_SENTIMENT_OPTIONS);
    const raised: Insight[] = [];
    const run = (input: TranscriptSegment): TranscriptSegment => {
      const output = processor.process(input, { call, raiseInsight: (insight) => raised.push(insight) });
      return output;
    };
    return { processor, raised, run };
  }

  it('annotates a final with its score and raises a sentiment insight naming the segment and the caller trend', () => {
    const { raised, run } = setUp();
    const output = run(segment('caller-1', 'caller', 'This is ridiculous.'));
    expect(output.annotations).toEqual({ sentiment: -0.612 });
    expect(raised).toEqual([
      {
        kind: 'sentiment',
        id: 'caller-1:sentiment',
        timestamp: '2026-01-01T00:00:01.000Z',
        speaker: 'caller',
        segmentId: 'caller-1',
        score: -0.612,
        callerTrend: -0.612,
        lexicon: 'afinn-165',
      },
    ]);
    expect(raised.every(isSentimentInsight)).toBe(true);
  });

  it("scores the agent too but leaves the caller's trend as it was, absent before the caller spoke", () => {
    const { raised, run } = setUp();
    run(segment('agent-1', 'agent', 'Thank you for calling.'));
    run(segment('caller-1', 'caller', 'I am angry.'));
    run(segment('agent-2', 'agent', 'I am sorry to hear that.'));
    expect(raised.map((insight) => [insight.speaker, trendOf(insight)])).toEqual([
      ['agent', undefined],
      ['caller', -0.612],
      ['agent', -0.612],
    ]);
  });

  it('leaves interims alone', () => {
    const { raised, run } = setUp();
    const interim = segment('caller-1', 'caller', 'this is terrible', false);
    expect(run(interim)).toBe(interim);
    expect(raised).toEqual([]);
  });

  it('alerts once when the caller complains three times in a row, even with the agent in between', () => {
    const { raised, run } = setUp();
    run(segment('caller-1', 'caller', 'This is ridiculous.'));
    run(segment('agent-1', 'agent', 'I understand, let me look.'));
    run(segment('caller-2', 'caller', 'I am really angry.'));
    run(segment('caller-3', 'caller', 'Your service is terrible.'));
    run(segment('caller-4', 'caller', 'The worst company ever.'));
    const alerts = raised.filter(isAlertInsight);
    expect(alerts).toEqual([
      {
        kind: 'alert',
        id: 'caller-3:negative-sentiment',
        timestamp: '2026-01-01T00:00:01.000Z',
        speaker: 'caller',
        segmentId: 'caller-3',
        rule: 'negative-sentiment',
        name: 'negative-sentiment',
        severity: 'warning',
        matched: 'terrible',
      },
    ]);
    expect(raised.map((insight) => insight.id).indexOf('caller-3:negative-sentiment')).toBe(
      raised.map((insight) => insight.id).indexOf('caller-3:sentiment') + 1,
    );
  });

  it('alerts again for a second negative run after the caller calmed down, and starts afresh once the call ended', () => {
    const { processor, raised, run } = setUp();
    for (const id of ['caller-1', 'caller-2', 'caller-3']) run(segment(id, 'caller', 'This is terrible.'));
    run(segment('caller-4', 'caller', 'Great, thanks.'));
    for (const id of ['caller-5', 'caller-6', 'caller-7']) run(segment(id, 'caller', 'This is terrible.'));
    expect(raised.filter(isAlertInsight).map((alert) => alert.segmentId)).toEqual(['caller-3', 'caller-7']);
    processor.callEnding({ call, raiseInsight: () => undefined });
    run(segment('caller-8', 'caller', 'Great.'));
    expect(trendOf(raised.at(-1))).toBe(scoreOf('Great.'));
  });
});

function trendOf(insight: Insight | undefined): number | undefined {
  return insight && isSentimentInsight(insight) ? insight.callerTrend : undefined;
}

function scoreOf(text: string): number {
  const processor = new SentimentProcessor(DEFAULT_SENTIMENT_OPTIONS);
  return processor.process(segment('s', 'caller', text), { call, raiseInsight: () => undefined }).annotations?.['sentiment'] as number;
}
