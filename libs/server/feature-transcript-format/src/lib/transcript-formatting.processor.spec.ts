import type { TranscriptSegment } from '@tnt/protocol';
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

describe('TranscriptFormattingProcessor', () => {
  const processor = new TranscriptFormattingProcessor(loadConfig({ TNT_PROPER_NOUNS: 'Acme' }));

  it('formats a final and keeps the engine words as raw, touching nothing else', () => {
    const spoken = segment('hi acme charged me twenty nine dollars on the fourth of march', true, { annotations: { keyword: 'refund' } });
    expect(processor.process(spoken)).toEqual({
      ...spoken,
      text: 'Hi, Acme charged me $29 on March 4th.',
      raw: 'hi acme charged me twenty nine dollars on the fourth of march',
    });
  });

  it('formats an interim without ending its sentence', () => {
    expect(processor.process(segment('how can i', false))).toMatchObject({ text: 'How can I', raw: 'how can i', isFinal: false });
  });

  it('keeps raw that a processor before it already set', () => {
    const earlier = segment('call me at three pm', true, { raw: 'call me at three p m' });
    expect(processor.process(earlier)).toMatchObject({ text: 'Call me at 3 PM.', raw: 'call me at three p m' });
  });
});
