import { SincResampler } from './sinc-resampler';
import { fliteSpeech, requireSoxAndFlite, soxResample } from '@tnt/shared/util-testing';
import { rootMeanSquare, runInChunks, sameSamples, signalToNoiseDb, sineTone } from '../testing/signals';

describe('SincResampler', () => {
  let speech16k: Int16Array;
  beforeAll(() => {
    requireSoxAndFlite();
    speech16k = fliteSpeech('My delivery is three days late and nobody has called me back.', 16000);
  });

  // Measured 60.9 dB for both rates; the bar leaves ~10 dB of margin.
  it.each([48000, 24000])('downsamples %i Hz speech to 16 kHz within 50 dB SNR of sox', (fromRate) => {
    const input = soxResample(speech16k, 16000, fromRate);
    const ours = runInChunks(new SincResampler(fromRate, 16000), input, input.length);
    const sox = soxResample(input, fromRate, 16000);
    expect(ours.length).toBe(Math.ceil((input.length * 16000) / fromRate));
    expect(Math.abs(ours.length - sox.length)).toBeLessThanOrEqual(1);
    expect(signalToNoiseDb(sox, ours)).toBeGreaterThan(50);
  });

  it('upsamples 8 kHz speech to 16 kHz within 45 dB SNR of sox', () => {
    // Measured 50.9 dB.
    const input = soxResample(speech16k, 16000, 8000);
    expect(signalToNoiseDb(soxResample(input, 8000, 16000), runInChunks(new SincResampler(8000, 16000), input, 4000))).toBeGreaterThan(45);
  });

  it('passes a 1 kHz tone at full level and removes 12 kHz from 48 kHz audio instead of aliasing it to 4 kHz', () => {
    const passed = runInChunks(new SincResampler(48000, 16000), sineTone(1000, 48000, 1), 960);
    const stopped = runInChunks(new SincResampler(48000, 16000), sineTone(12000, 48000, 1), 960);
    const inputLevel = rootMeanSquare(sineTone(1000, 16000, 1));
    expect(Math.abs(20 * Math.log10(rootMeanSquare(passed, 200) / inputLevel))).toBeLessThan(0.05);
    // Without a low-pass the 12 kHz tone would come out at full level; 80 dB down is below 1 LSB here.
    expect(rootMeanSquare(stopped, 200)).toBeLessThan(inputLevel * 1e-4);
  });

  it.each([1, 7, 320, 4801])('gives the same output when 48 kHz input arrives in %i-sample chunks', (chunkSize) => {
    const input = soxResample(speech16k.subarray(0, 16000), 16000, 48000);
    const whole = runInChunks(new SincResampler(48000, 16000), input, input.length);
    expect(sameSamples(runInChunks(new SincResampler(48000, 16000), input, chunkSize), whole)).toBe(true);
  });

  it('gives the same output for 24 kHz input in uneven chunks, whose 2:3 ratio uses two filter phases', () => {
    const input = soxResample(speech16k.subarray(0, 16000), 16000, 24000);
    const whole = runInChunks(new SincResampler(24000, 16000), input, input.length);
    expect(sameSamples(runInChunks(new SincResampler(24000, 16000), input, 13), whole)).toBe(true);
  });

  it('starts a fresh stream after flush', () => {
    const input = sineTone(440, 48000, 0.1);
    const resampler = new SincResampler(48000, 16000);
    const first = runInChunks(resampler, input, 480);
    expect(sameSamples(runInChunks(resampler, input, 480), first)).toBe(true);
  });
});

describe('SincResampler options', () => {
  it('fails fast on rates and filter shapes it cannot use', () => {
    expect(() => new SincResampler(0, 16000)).toThrow(expect.objectContaining({ code: 'AUDIO_ERR_UNSUPPORTED_RATE' }));
    expect(() => new SincResampler(48000, 16000, { cutoffRatio: 1.5, zeroCrossings: 24, kaiserBeta: 8.6 })).toThrow(
      'Invalid windowed-sinc options {"cutoffRatio":1.5,"zeroCrossings":24,"kaiserBeta":8.6}: ' +
        'need 0 < cutoffRatio <= 1, zeroCrossings >= 1 and kaiserBeta >= 0',
    );
  });
});
