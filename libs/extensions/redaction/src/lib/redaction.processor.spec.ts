import type { CallInfo, TranscriptSegment } from '@tnt/protocol';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { PII_ENTITIES } from './pii-entities';
import { PiiRedactor } from './pii-redactor';
import { REDACTION_FAILED_TEXT, RedactionProcessor } from './redaction.processor';

const call: CallInfo = { id: 'call-1', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };
const context = { call, raiseInsight: () => undefined };

function segment(id: string, text: string, fields: Partial<TranscriptSegment> & Record<string, unknown> = {}): TranscriptSegment {
  return {
    id,
    text,
    speaker: 'caller',
    confidence: 1,
    timestamp: '2026-01-01T00:00:01.000Z',
    isFinal: true,
    startMs: 0,
    endMs: 1000,
    engine: 'scripted',
    simulated: true,
    ...fields,
  };
}

function newProcessor(metrics = new PrometheusMetrics()): RedactionProcessor {
  return new RedactionProcessor({ entities: PII_ENTITIES, latestBirthYear: 2014, carryWindowMs: 10_000, carriedCalls: 100 }, metrics);
}

describe('RedactionProcessor', () => {
  it('redacts the written text, the raw engine text a formatter keeps, and string annotations, and marks the segment', () => {
    const processor = newProcessor();
    const input = segment('caller-1', 'my email is jane.miller@example.com', {
      raw: 'my email is jane dot miller at example dot com',
      annotations: { summary: 'reach jane.miller@example.com', sentiment: 0.2 },
    });
    expect(processor.process(input, context)).toEqual({
      ...input,
      text: 'my email is [EMAIL]',
      raw: 'my email is [EMAIL]',
      annotations: { summary: 'reach [EMAIL]', sentiment: 0.2, redacted: true },
    });
  });

  it('leaves a segment without personal data as it was', () => {
    const input = segment('caller-1', 'thank you for calling');
    expect(newProcessor().process(input, context)).toEqual(input);
  });

  it('hides the second half of a card number in the next interim and final of the same speaker only', () => {
    const processor = newProcessor();
    expect(processor.process(segment('caller-1', 'my card is four one one one one one one one'), context).text).toBe('my card is [NUMBER]');
    const interim = segment('caller-2', 'one one one one', { isFinal: false, startMs: 1500, endMs: 2500 });
    expect(processor.process(interim, context).text).toBe('[NUMBER]');
    const longerInterim = segment('caller-2', 'one one one one one one one one', { isFinal: false, startMs: 1500, endMs: 3500 });
    expect(processor.process(longerInterim, context).text).toBe('[CARD]');
    const agent = segment('agent-1', 'one one one one one one one one', { speaker: 'agent', startMs: 1500, endMs: 3500 });
    expect(processor.process(agent, context).text).toBe('[NUMBER]');
    const final = segment('caller-2', 'one one one one one one one one thanks', { startMs: 1500, endMs: 4000 });
    expect(processor.process(final, context).text).toBe('[CARD] thanks');
  });

  it('does not join segments further apart than the carry window', () => {
    const processor = newProcessor();
    processor.process(segment('caller-1', 'the code is one two three'), context);
    const later = segment('caller-2', 'four five six seven eight nine one', { startMs: 20_000, endMs: 21_000 });
    expect(processor.process(later, context).text).toBe('[PHONE]');
    const soon = newProcessor();
    soon.process(segment('caller-1', 'the code is one two three'), context);
    expect(soon.process(segment('caller-2', 'four five six seven eight nine', { startMs: 1200 }), context).text).toBe('[SSN]');
  });

  it('fails closed: when redacting throws, every text field is replaced, the failure counted, the segment kept', async () => {
    const metrics = new PrometheusMetrics();
    const processor = newProcessor(metrics);
    jest.spyOn(PiiRedactor.prototype, 'redact').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const output = processor.process(
        segment('caller-1', 'four one one one', { raw: 'four one one one', annotations: { note: 'x' } }),
        context,
      );
      expect(output).toMatchObject({
        id: 'caller-1',
        speaker: 'caller',
        text: REDACTION_FAILED_TEXT,
        raw: REDACTION_FAILED_TEXT,
        annotations: { note: REDACTION_FAILED_TEXT, redactionFailed: true },
      });
      expect(await metrics.render()).toMatch(/tnt_redaction_failures_total 1/);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('answers an interim repeating the one before it without reading it again, and counts its placeholders again', async () => {
    const metrics = new PrometheusMetrics();
    const processor = newProcessor(metrics);
    const read = jest.spyOn(PiiRedactor.prototype, 'redact');
    try {
      const interim = segment('caller-1', 'my email is jane dot miller at example dot com', { isFinal: false, startMs: 0, endMs: 1000 });
      const first = processor.process(interim, context);
      const repeated = processor.process({ ...interim, endMs: 1250 }, context);
      expect([first.text, repeated.text, repeated.endMs, repeated.annotations]).toEqual([
        'my email is [EMAIL]',
        'my email is [EMAIL]',
        1250,
        { redacted: true },
      ]);
      expect(read).toHaveBeenCalledTimes(1);
      expect(await metrics.render()).toMatch(/tnt_redactions_total\{entity="email"\} 2/);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reads the same words again once the speaker has a new carry, and keeps calls apart', () => {
    const processor = newProcessor();
    const interim = segment('caller-2', 'one one one one', { isFinal: false, startMs: 1500, endMs: 2500 });
    expect(processor.process(interim, context).text).toBe('one one one one');
    // A final of the same speaker leaves an open number: the same words now end it.
    processor.process(segment('caller-1', 'my card is four one one one one one one one', { startMs: 0, endMs: 1400 }), context);
    expect(processor.process(interim, context).text).toBe('[NUMBER]');
    const otherCall = { ...context, call: { ...call, id: 'call-2' } };
    expect(processor.process(interim, otherCall).text).toBe('one one one one');
  });

  it("keeps none of an ended call's words: its carry and its last lines are forgotten, other calls' kept", () => {
    const processor = newProcessor();
    const read = jest.spyOn(PiiRedactor.prototype, 'redact');
    try {
      const otherCall = { ...context, call: { ...call, id: 'call-2' } };
      const opening = segment('caller-1', 'my card is four one one one one one one one', { startMs: 0, endMs: 1400 });
      processor.process(opening, context);
      processor.process(opening, otherCall);
      const interim = segment('caller-2', 'one one one one', { isFinal: false, startMs: 1500, endMs: 2500 });
      processor.process(interim, context);
      const readsBefore = read.mock.calls.length;

      processor.callEnding(context);

      // Read again (its last line was forgotten), and no longer joined to the forgotten carry.
      expect(processor.process(interim, context).text).toBe('one one one one');
      expect(read.mock.calls.length).toBe(readsBefore + 1);
      expect(processor.process(interim, otherCall).text).toBe('[NUMBER]');
    } finally {
      jest.restoreAllMocks();
    }
  });
});
