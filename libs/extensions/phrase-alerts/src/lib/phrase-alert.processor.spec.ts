import type { CallInfo, Insight, TranscriptSegment } from '@tnt/protocol';
import { AlertRuleSet } from './alert-rule-set';
import { PhraseAlertProcessor } from './phrase-alert.processor';

const call: CallInfo = { id: 'call-1', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };

function segment(id: string, text: string, isFinal = true): TranscriptSegment {
  return {
    id,
    text,
    speaker: 'caller',
    confidence: 1,
    timestamp: '2026-01-01T00:00:01.000Z',
    isFinal,
    startMs: 0,
    endMs: 1000,
    engine: 'scripted',
    simulated: true,
  };
}

describe('PhraseAlertProcessor', () => {
  const rules = new AlertRuleSet();
  rules.apply([{ name: 'cancellation', phrases: ['cancel my subscription'], severity: 'critical' }], 1);
  const processor = new PhraseAlertProcessor(rules);

  function run(input: TranscriptSegment): Insight[] {
    const raised: Insight[] = [];
    const output = processor.process(input, { call, raiseInsight: (insight) => raised.push(insight) });
    expect(output).toBe(input);
    return raised;
  }

  it('raises one alert insight for a final that matches, naming the segment', () => {
    expect(run(segment('caller-1', 'i want to cancel my subscription'))).toEqual([
      {
        kind: 'alert',
        id: 'caller-1:cancellation',
        timestamp: '2026-01-01T00:00:01.000Z',
        speaker: 'caller',
        segmentId: 'caller-1',
        rule: 'cancellation',
        name: 'cancellation',
        severity: 'critical',
        matched: 'cancel my subscription',
      },
    ]);
  });

  it('leaves interims alone, so an alert is raised once, with the final', () => {
    expect(run(segment('caller-2', 'cancel my subscription', false))).toEqual([]);
  });

  it('catches a phrase the caller split across two finals', () => {
    expect(run(segment('caller-3', 'i would like to cancel'))).toEqual([]);
    expect(run(segment('caller-4', 'my subscription please')).map((insight) => insight.segmentId)).toEqual(['caller-4']);
  });
});
