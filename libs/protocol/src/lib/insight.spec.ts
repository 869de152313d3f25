import { isAlertInsight, isInsight } from './insight';
import { callIdOf, isCallEventMessage, isInsightMessage, isServerMessage, SERVER_MESSAGE, type InsightMessage } from './server-messages';
import { validate } from './schema';

const alert: InsightMessage = {
  type: 'insight',
  callId: 'call-1',
  seq: 7,
  insight: {
    kind: 'alert',
    id: 'agent-3:cancellation',
    timestamp: '2026-01-01T00:00:01.000Z',
    speaker: 'caller',
    segmentId: 'caller-3',
    rule: 'cancellation',
    name: 'cancellation',
    severity: 'warning',
    matched: 'cancel my subscription',
  } as InsightMessage['insight'],
};

describe('insight messages', () => {
  it('accepts an alert as a call event of its call, numbered in its seq', () => {
    expect(isInsightMessage(alert)).toBe(true);
    expect(isServerMessage(alert)).toBe(true);
    expect(isCallEventMessage(alert)).toBe(true);
    expect(callIdOf(alert)).toBe('call-1');
    expect(isAlertInsight(alert.insight)).toBe(true);
  });

  it('keeps the fields of an insight kind it does not know, so later kinds reach clients whole', () => {
    const later = { kind: 'sentiment', id: 's-1', timestamp: '2026-01-01T00:00:01.000Z', score: -0.4 };
    const result = validate(SERVER_MESSAGE, { type: 'insight', callId: 'c', seq: 1, insight: later });
    expect(result).toEqual({ ok: true, value: { type: 'insight', callId: 'c', seq: 1, insight: later } });
    expect(isAlertInsight(later)).toBe(false);
  });

  it('names the field at fault in an alert with an unknown severity', () => {
    const result = validate(SERVER_MESSAGE, { ...alert, insight: { ...alert.insight, severity: 'urgent' } });
    expect(result.ok).toBe(true);
    expect(isAlertInsight({ ...alert.insight, severity: 'urgent' })).toBe(false);
    expect(isInsight({ kind: '', id: 'x', timestamp: 't' })).toBe(false);
  });
});
