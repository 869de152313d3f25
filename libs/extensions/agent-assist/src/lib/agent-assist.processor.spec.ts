import type { AssistCard, CallInfo, Insight, Speaker, TranscriptSegment } from '@tnt/protocol';
import { isAssistInsight } from '@tnt/protocol';
import { AgentAssistProcessor } from './agent-assist.processor';
import { AssistCardSet } from './assist-card-set';

const CARDS: AssistCard[] = [
  { id: 'refunds', title: 'Refund policy', body: 'Refunds within 30 days.', link: 'https://example.test/refunds', phrases: ['refund'] },
  { id: 'cancel', title: 'Keep the customer', body: 'Offer a discount first.', phrases: ['cancel my subscription'] },
  { id: 'agent-words', title: 'Agent only', body: 'Said by the agent.', phrases: ['transfer'], speaker: 'agent' },
];

function callOf(id: string): CallInfo {
  return { id, agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };
}

function segment(id: string, text: string, options: { isFinal?: boolean; speaker?: Speaker } = {}): TranscriptSegment {
  return {
    id,
    text,
    speaker: options.speaker ?? 'caller',
    confidence: 1,
    timestamp: '2026-01-01T00:00:01.000Z',
    isFinal: options.isFinal ?? true,
    startMs: 0,
    endMs: 1000,
    engine: 'scripted',
    simulated: true,
  };
}

describe('AgentAssistProcessor', () => {
  let cards: AssistCardSet;
  let processor: AgentAssistProcessor;

  beforeEach(() => {
    cards = new AssistCardSet();
    cards.apply(CARDS, 1);
    processor = new AgentAssistProcessor(cards);
  });

  function run(input: TranscriptSegment, call = callOf('call-1')): Insight[] {
    const raised: Insight[] = [];
    expect(processor.process(input, { call, raiseInsight: (insight) => raised.push(insight) })).toBe(input);
    return raised;
  }

  it('raises a well-formed assist insight copying the card, naming the segment and the words matched', () => {
    const raised = run(segment('caller-1', 'I would like a Refund please'));
    expect(raised).toEqual([
      {
        kind: 'assist',
        id: 'caller-1:assist:refunds',
        timestamp: '2026-01-01T00:00:01.000Z',
        cardId: 'refunds',
        title: 'Refund policy',
        body: 'Refunds within 30 days.',
        link: 'https://example.test/refunds',
        matched: 'Refund',
        segmentId: 'caller-1',
        speaker: 'caller',
      },
    ]);
    expect(isAssistInsight(raised[0])).toBe(true);
  });

  it('matches with the phrase alerts matcher: other forms of a word, whole words only', () => {
    expect(run(segment('caller-1', 'two refunds then')).map((insight) => insight.id)).toEqual(['caller-1:assist:refunds']);
    expect(run(segment('caller-2', 'I am cancelling my subscriptions')).map((insight) => insight.id)).toEqual(['caller-2:assist:cancel']);
    expect(run(segment('caller-3', 'the refundable fee'), callOf('call-2'))).toEqual([]);
  });

  it('raises a card once per call, and again in another call', () => {
    expect(run(segment('caller-1', 'a refund'))).toHaveLength(1);
    expect(run(segment('caller-2', 'the refund again'))).toEqual([]);
    expect(run(segment('caller-1', 'a refund'), callOf('call-2'))).toHaveLength(1);
  });

  it('forgets a call when it ends, so held calls do not pile up', () => {
    run(segment('caller-1', 'a refund'));
    expect(processor.heldCalls).toBe(1);
    processor.callEnding({ call: callOf('call-1'), raiseInsight: () => undefined });
    expect(processor.heldCalls).toBe(0);
  });

  it('leaves interims alone and keeps to the card speaker, the caller by default', () => {
    expect(run(segment('caller-1', 'refund', { isFinal: false }))).toEqual([]);
    expect(run(segment('agent-1', 'a refund', { speaker: 'agent' }))).toEqual([]);
    expect(run(segment('agent-2', 'let me transfer you', { speaker: 'agent' })).map((insight) => insight.id)).toEqual([
      'agent-2:assist:agent-words',
    ]);
  });

  it('catches a phrase the caller split across two finals', () => {
    expect(run(segment('caller-1', 'i want to cancel'))).toEqual([]);
    expect(run(segment('caller-2', 'my subscription now')).map((insight) => insight.segmentId)).toEqual(['caller-2']);
  });

  it('matches the cards a supervisor put in force, and a card replaced keeps its once-per-call mark', () => {
    cards.apply([{ id: 'late', title: 'Late parcel', body: 'Check the tracking.', phrases: ['has not arrived'] }], 2);
    expect(run(segment('caller-1', 'a refund'))).toEqual([]);
    expect(run(segment('caller-2', 'my parcel has not arrived'))).toHaveLength(1);
    cards.apply([{ id: 'late', title: 'Late parcel (new)', body: 'Check the tracking.', phrases: ['never came'] }], 3);
    expect(run(segment('caller-3', 'it never came'))).toEqual([]);
  });

  it('refuses a set with a repeated id, keeping the cards in force', () => {
    expect(() => cards.apply([CARDS[0], { ...CARDS[1], id: 'refunds' }], 2)).toThrow(/two cards of id "refunds"/);
    expect(cards.cards).toEqual(CARDS);
  });
});
