import type { CallInfo, TranscriptSegment } from '@tnt/protocol';
import type { TranscriptContext } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { TranscriptFormattingProcessor } from './transcript-formatting.processor';

function segment(text: string, isFinal: boolean, extra: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return {
    id: 'caller-u2',
    text,
    speaker: 'caller',
    confidence: 0.9,
    timestamp: '2026-03-04T10:00:00.000Z',
    isFinal,
    startMs: 1000,
    endMs: 4000,
    engine: 'pocketsphinx',
    simulated: false,
    ...extra,
  };
}

function contextOf(callId: string): TranscriptContext {
  const call: CallInfo = { id: callId, agentId: 'agent-1', status: 'active', startedAt: '2026-03-04T10:00:00.000Z' };
  return { call, raiseInsight: () => undefined };
}

describe('TranscriptFormattingProcessor', () => {
  const config = loadConfig({ TNT_PROPER_NOUNS: 'Acme' });
  const processor = new TranscriptFormattingProcessor(config);
  const context = contextOf('call-1');

  it('formats a final and keeps the engine words as raw, touching nothing else', () => {
    const spoken = segment('hi acme charged me twenty nine dollars on the fourth of march', true, { annotations: { keyword: 'refund' } });
    expect(processor.process(spoken, context)).toEqual({
      ...spoken,
      text: 'Hi, Acme charged me $29 on March 4th.',
      raw: 'hi acme charged me twenty nine dollars on the fourth of march',
    });
  });

  it('formats an interim without ending its sentence', () => {
    expect(processor.process(segment('how can i', false), context)).toMatchObject({ text: 'How can I', raw: 'how can i', isFinal: false });
  });

  it('keeps raw that a processor before it already set', () => {
    const earlier = segment('call me at three pm', true, { raw: 'call me at three p m' });
    expect(processor.process(earlier, context)).toMatchObject({ text: 'Call me at 3 PM.', raw: 'call me at three p m' });
  });

  it('formats a repeated interim as before, and its final with the sentence ended', () => {
    const fresh = new TranscriptFormattingProcessor(config);
    const interim = segment('twenty nine dollars', false);
    const first = fresh.process(interim, context);
    const again = fresh.process({ ...interim, endMs: 4250 }, context);
    const final = fresh.process({ ...interim, isFinal: true, endMs: 4500 }, context);
    expect([first.text, again.text, again.endMs, final.text]).toEqual(['$29', '$29', 4250, '$29.']);
  });

  it('keeps the lines of two calls and two speakers apart', () => {
    const fresh = new TranscriptFormattingProcessor(config);
    const texts = [
      fresh.process(segment('hi acme', false), contextOf('call-1')),
      fresh.process(segment('how can i', false, { speaker: 'agent' }), contextOf('call-1')),
      fresh.process(segment('twenty nine dollars', false), contextOf('call-2')),
      fresh.process(segment('hi acme', false), contextOf('call-1')),
      fresh.process(segment('twenty nine dollars', false), contextOf('call-2')),
    ].map((processed) => processed.text);
    expect(texts).toEqual(['Hi, Acme', 'How can I', '$29', 'Hi, Acme', '$29']);
  });
});
