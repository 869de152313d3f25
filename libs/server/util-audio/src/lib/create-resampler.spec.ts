import { AudioError } from './audio-error';
import { createResampler, resample } from './create-resampler';
import { Pcm16Decoder } from './pcm16-decoder';
import { fliteSpeech, requireSoxAndFlite, soxResample } from '@tnt/shared/util-testing';
import { chunkBytes, sameSamples } from '../testing/signals';

function captureError(action: () => unknown): AudioError {
  try {
    action();
  } catch (error) {
    if (error instanceof AudioError) return error;
    throw error;
  }
  throw new Error('expected an AudioError');
}

/** Decodes little-endian bytes arriving in `chunkSize` pieces and resamples them as a stream. */
function decodeAndResampleInChunks(bytes: Uint8Array, chunkSize: number, fromRate: number): Int16Array {
  const decoder = new Pcm16Decoder();
  const resampler = createResampler(fromRate, 16000);
  const parts = chunkBytes(bytes, chunkSize).map((chunk) => Array.from(resampler.process(decoder.decode(chunk))));
  parts.push(Array.from(resampler.flush()));
  return Int16Array.from(parts.flat());
}

describe('createResampler', () => {
  it('rejects rates it does not convert with AUDIO_ERR_UNSUPPORTED_RATE', () => {
    const error = captureError(() => createResampler(44100, 16000));
    expect(error.code).toBe('AUDIO_ERR_UNSUPPORTED_RATE');
    expect(error.message).toBe(
      'Cannot resample 44100 Hz to 16000 Hz: supported input rates are 8000, 16000, 24000, 48000 Hz and output rates 16000 Hz',
    );
    expect(captureError(() => createResampler(16000, 8000)).code).toBe('AUDIO_ERR_UNSUPPORTED_RATE');
  });

  it('rejects unknown methods and linear downsampling with AUDIO_ERR_UNSUPPORTED_RESAMPLE_METHOD', () => {
    const unknown = captureError(() => createResampler(8000, 16000, 'cubic' as 'linear'));
    expect(unknown.code).toBe('AUDIO_ERR_UNSUPPORTED_RESAMPLE_METHOD');
    expect(unknown.message).toBe('Unknown resample method "cubic": use "linear" or "sinc"');
    expect(captureError(() => createResampler(48000, 16000, 'linear')).code).toBe('AUDIO_ERR_UNSUPPORTED_RESAMPLE_METHOD');
  });

  it('picks linear to upsample, sinc to downsample and passes equal rates through untouched', () => {
    expect(createResampler(8000, 16000).method).toBe('linear');
    expect(createResampler(8000, 16000, 'sinc').method).toBe('sinc');
    expect(createResampler(24000, 16000).method).toBe('sinc');
    expect(createResampler(48000, 16000).method).toBe('sinc');
    const passthrough = createResampler(16000, 16000, 'sinc');
    const chunk = Int16Array.of(1, 2, 3);
    expect(passthrough.method).toBe('passthrough');
    expect(passthrough.process(chunk)).toBe(chunk);
    expect(passthrough.flush().length).toBe(0);
  });

  describe('on byte streams', () => {
    let speech16k: Int16Array;
    beforeAll(() => {
      requireSoxAndFlite();
      speech16k = fliteSpeech('Can you reset my password please?', 16000).subarray(0, 8000);
    });

    it.each([8000, 16000, 24000, 48000])('resamples %i Hz bytes in 1-, 7- and 320-byte chunks exactly as in one piece', (fromRate) => {
      const input = fromRate === 16000 ? speech16k : soxResample(speech16k, 16000, fromRate);
      const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      const whole = resample(input, fromRate, 16000);
      expect(whole.length).toBe(Math.ceil((input.length * 16000) / fromRate));
      for (const chunkSize of [1, 7, 320]) {
        expect(sameSamples(decodeAndResampleInChunks(bytes, chunkSize, fromRate), whole)).toBe(true);
      }
    });
  });
});
