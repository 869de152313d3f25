import { AudioError, AudioErrorCode } from './audio-error';
import { LinearResampler } from './linear-resampler';
import { ResampleMethod, Resampler } from './resampler';
import { SincResampler } from './sinc-resampler';

/** Input rates {@link createResampler} converts from, in Hz. */
export const RESAMPLER_INPUT_RATES: readonly number[] = [8000, 16000, 24000, 48000];

/** Output rates {@link createResampler} converts to, in Hz (the speech engines' rate). */
export const RESAMPLER_OUTPUT_RATES: readonly number[] = [16000];

/** A resampler for equal rates: hands every chunk back untouched. */
class PassthroughResampler implements Resampler {
  readonly method = 'passthrough' as const;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {}

  /** {@inheritDoc Resampler.process} */
  process(input: Int16Array): Int16Array {
    return input;
  }

  /** {@inheritDoc Resampler.flush} */
  flush(): Int16Array {
    return new Int16Array(0);
  }
}

/**
 * Creates a streaming resampler.
 * @param fromRate one of {@link RESAMPLER_INPUT_RATES}.
 * @param toRate one of {@link RESAMPLER_OUTPUT_RATES}.
 * @param method `linear` or `sinc`; by default `linear` when upsampling (it recognises better, see
 *   {@link LinearResampler}) and `sinc` when downsampling. Equal rates always pass through.
 * @throws AudioError `AUDIO_ERR_UNSUPPORTED_RATE` for other rates, and
 *   `AUDIO_ERR_UNSUPPORTED_RESAMPLE_METHOD` for an unknown method or linear downsampling.
 */
export function createResampler(fromRate: number, toRate: number, method?: Exclude<ResampleMethod, 'passthrough'>): Resampler {
  if (!RESAMPLER_INPUT_RATES.includes(fromRate) || !RESAMPLER_OUTPUT_RATES.includes(toRate)) {
    throw new AudioError(
      AudioErrorCode.UnsupportedRate,
      `Cannot resample ${fromRate} Hz to ${toRate} Hz: supported input rates are ${RESAMPLER_INPUT_RATES.join(', ')} Hz ` +
        `and output rates ${RESAMPLER_OUTPUT_RATES.join(', ')} Hz`,
    );
  }
  if (method !== undefined && method !== 'linear' && method !== 'sinc') {
    throw new AudioError(AudioErrorCode.UnsupportedResampleMethod, `Unknown resample method "${String(method)}": use "linear" or "sinc"`);
  }
  if (fromRate === toRate) return new PassthroughResampler(fromRate, toRate);
  const chosen = method ?? (fromRate < toRate ? 'linear' : 'sinc');
  if (chosen === 'linear' && fromRate > toRate) {
    throw new AudioError(
      AudioErrorCode.UnsupportedResampleMethod,
      `Linear interpolation cannot downsample ${fromRate} Hz to ${toRate} Hz without aliasing: use "sinc"`,
    );
  }
  return chosen === 'linear' ? new LinearResampler(fromRate, toRate) : new SincResampler(fromRate, toRate);
}

/** Resamples a whole signal in one call (process, then flush), e.g. for files and tests. */
export function resample(
  samples: Int16Array,
  fromRate: number,
  toRate: number,
  method?: Exclude<ResampleMethod, 'passthrough'>,
): Int16Array {
  const resampler = createResampler(fromRate, toRate, method);
  const body = resampler.process(samples);
  const tail = resampler.flush();
  const output = new Int16Array(body.length + tail.length);
  output.set(body);
  output.set(tail, body.length);
  return output;
}
