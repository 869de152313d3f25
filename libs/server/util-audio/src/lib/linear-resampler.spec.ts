import { join } from 'node:path';
import { LinearResampler } from './linear-resampler';
import {
  fliteSpeech,
  rawPcm16Args,
  readRawPcm16,
  requireSoxAndFlite,
  runSox,
  withTemporaryDirectory,
  writeRawPcm16,
} from '@tnt/shared/util-testing';
import { runInChunks, sameSamples } from '../testing/signals';

/**
 * Linear interpolation computed by sox: doubling the rate by inserting zeros, then the FIR
 * [0.5, 1, 0.5], keeps every input sample and places the mean of two neighbours between them.
 */
function soxLinearUpsampleBy2(samples: Int16Array): Int16Array {
  return withTemporaryDirectory((directory) => {
    const input = join(directory, 'input.raw');
    const output = join(directory, 'output.raw');
    writeRawPcm16(input, samples);
    runSox([...rawPcm16Args(8000), input, ...rawPcm16Args(16000), output, 'upsample', '2', 'fir', '0.5', '1', '0.5']);
    return readRawPcm16(output);
  });
}

describe('LinearResampler', () => {
  let speech8k: Int16Array;
  beforeAll(() => {
    requireSoxAndFlite();
    speech8k = fliteSpeech('Hello, I cannot log in to my account since yesterday.', 8000);
  });

  it('upsamples 8 kHz speech to 16 kHz exactly as sox interpolates linearly', () => {
    const ours = runInChunks(new LinearResampler(8000, 16000), speech8k, speech8k.length);
    const sox = soxLinearUpsampleBy2(speech8k);
    expect(ours.length).toBe(2 * speech8k.length);
    expect(sox.length).toBe(ours.length);
    // Only the very last sample differs: sox interpolates towards silence after the end, we hold the last input.
    const lastInterpolated = ours.length - 1;
    expect(sameSamples(ours.subarray(0, lastInterpolated), sox.subarray(0, lastInterpolated))).toBe(true);
    expect(ours[lastInterpolated]).toBe(speech8k[speech8k.length - 1]);
  });

  it.each([1, 7, 320, 1001])('gives the same output when the input arrives in %i-sample chunks', (chunkSize) => {
    const whole = runInChunks(new LinearResampler(8000, 16000), speech8k, speech8k.length);
    expect(sameSamples(runInChunks(new LinearResampler(8000, 16000), speech8k, chunkSize), whole)).toBe(true);
  });

  it('keeps inputs, places rounded midpoints between them and holds the last sample at the end', () => {
    const resampler = new LinearResampler(8000, 16000);
    expect(Array.from(resampler.process(Int16Array.of(0, 10, 3)))).toEqual([0, 5, 10, 7]);
    expect(Array.from(resampler.process(Int16Array.of(-3)))).toEqual([3, 0]);
    expect(Array.from(resampler.flush())).toEqual([-3, -3]);
  });

  it('starts a fresh stream after flush', () => {
    const resampler = new LinearResampler(8000, 16000);
    resampler.process(Int16Array.of(1000, 2000));
    resampler.flush();
    expect(Array.from(resampler.process(Int16Array.of(4, 8)))).toEqual([4, 6]);
  });
});
