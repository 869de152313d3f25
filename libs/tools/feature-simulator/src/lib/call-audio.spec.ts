import { toTelephoneMulaw } from './call-audio';

describe('toTelephoneMulaw', () => {
  it('turns one second of 16 kHz audio into 8000 mu-law bytes with sox', async () => {
    const tone = new Int16Array(16000).map((_, index) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / 16000)));
    const bytes = await toTelephoneMulaw(tone, 16000);
    expect(bytes.length).toBe(8000);
    expect(new Set(bytes).size).toBeGreaterThan(20);
  });
});
