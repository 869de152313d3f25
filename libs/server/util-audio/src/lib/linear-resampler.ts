import { assertSampleRates, greatestCommonDivisor, Resampler, toInt16 } from './resampler';

const EMPTY = new Int16Array(0);

/**
 * Streaming linear interpolation between neighbouring input samples. Used to upsample 8 kHz
 * telephony audio to 16 kHz: with the project's 16 kHz pocketsphinx model it measured a word
 * error rate of ~0.4 on 8 kHz μ-law speech, against ~0.9 for sox's band-limited upsampling.
 * It does not low-pass, so downsampling with it would alias; the factory refuses that.
 */
export class LinearResampler implements Resampler {
  readonly method = 'linear' as const;
  /** Output positions advance by `inputStep / positionsPerSample` input samples. */
  private readonly positionsPerSample: number;
  private readonly inputStep: number;
  private hasPreviousSample = false;
  /** The last input sample of the previous chunk, the left neighbour of the next output. */
  private previousSample = 0;
  /** Position of the next output in 1/positionsPerSample units, relative to `previousSample` (or to the first input). */
  private nextPosition = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    assertSampleRates(fromRate, toRate);
    const divisor = greatestCommonDivisor(fromRate, toRate);
    this.positionsPerSample = toRate / divisor;
    this.inputStep = fromRate / divisor;
  }

  /** {@inheritDoc Resampler.process} */
  process(input: Int16Array): Int16Array {
    const offset = this.hasPreviousSample ? 1 : 0;
    const length = input.length + offset;
    if (length === 0) return EMPTY;
    const scale = this.positionsPerSample;
    const step = this.inputStep;
    // Every output needs its right neighbour, so outputs stop before the last available sample.
    const endPosition = (length - 1) * scale;
    const count = this.nextPosition < endPosition ? Math.ceil((endPosition - this.nextPosition) / step) : 0;
    const output = new Int16Array(count);
    const previous = this.previousSample;
    let index = Math.floor(this.nextPosition / scale);
    let fraction = this.nextPosition - index * scale;
    for (let outputIndex = 0; outputIndex < count; outputIndex++) {
      const left = index < offset ? previous : input[index - offset];
      const right = input[index + 1 - offset];
      output[outputIndex] = fraction === 0 ? left : toInt16(left + ((right - left) * fraction) / scale);
      fraction += step;
      while (fraction >= scale) {
        fraction -= scale;
        index++;
      }
    }
    this.nextPosition = this.nextPosition + count * step - endPosition;
    this.previousSample = input.length > 0 ? input[input.length - 1] : previous;
    this.hasPreviousSample = true;
    return output;
  }

  /** {@inheritDoc Resampler.flush} */
  flush(): Int16Array {
    // Outputs between the last input and where the next one would be repeat the last input.
    const count =
      this.hasPreviousSample && this.nextPosition < this.positionsPerSample
        ? Math.ceil((this.positionsPerSample - this.nextPosition) / this.inputStep)
        : 0;
    const output = new Int16Array(count).fill(this.previousSample);
    this.hasPreviousSample = false;
    this.previousSample = 0;
    this.nextPosition = 0;
    return output;
  }
}
