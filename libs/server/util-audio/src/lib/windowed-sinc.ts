/**
 * Design of the polyphase low-pass filter used by the sinc resampler: an ideal low-pass
 * (sinc) impulse response shaped by a Kaiser window, sampled once per output phase into a table.
 */

/** Shape of the low-pass filter. */
export interface WindowedSincOptions {
  /** Cut-off as a fraction of the lower of the two Nyquist frequencies (0..1). */
  readonly cutoffRatio: number;
  /** Zero crossings of the sinc kept on each side of the centre; more means a steeper filter. */
  readonly zeroCrossings: number;
  /** Kaiser window shape; ~8.6 trades a wider transition band for about 90 dB of stop-band rejection. */
  readonly kaiserBeta: number;
}

/** Filter coefficients for every phase, ready for a multiply-accumulate loop. */
export interface PolyphaseFilter {
  /** Coefficients of one phase after another, `tapsPerPhase` each. */
  readonly coefficients: Float64Array;
  /** Input samples each output depends on. */
  readonly tapsPerPhase: number;
  /** Inputs each output needs to the left of (and including) its own position: `tapsPerPhase / 2`. */
  readonly halfTaps: number;
}

/** Zeroth-order modified Bessel function of the first kind, by its power series. */
function besselI0(value: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (value * value) / 4;
  for (let order = 1; term > sum * 1e-12; order++) {
    term *= quarterSquare / (order * order);
    sum += term;
  }
  return sum;
}

function sinc(value: number): number {
  if (value === 0) return 1;
  const angle = Math.PI * value;
  return Math.sin(angle) / angle;
}

/**
 * Builds the filter for converting `fromRate` to `toRate`, where positions between input samples
 * fall on `phases` evenly spaced fractions (the reduced output factor of the rate ratio).
 */
export function designPolyphaseFilter(fromRate: number, toRate: number, phases: number, options: WindowedSincOptions): PolyphaseFilter {
  const { cutoffRatio, zeroCrossings, kaiserBeta } = options;
  if (!(cutoffRatio > 0 && cutoffRatio <= 1) || !(zeroCrossings >= 1) || !(kaiserBeta >= 0)) {
    throw new RangeError(
      `Invalid windowed-sinc options ${JSON.stringify(options)}: need 0 < cutoffRatio <= 1, zeroCrossings >= 1 and kaiserBeta >= 0`,
    );
  }
  // Cut-off in cycles per input sample, below the Nyquist frequency of the slower side.
  const cutoff = (options.cutoffRatio * Math.min(fromRate, toRate)) / 2 / fromRate;
  const halfWidth = options.zeroCrossings / (2 * cutoff);
  const halfTaps = Math.ceil(halfWidth);
  const tapsPerPhase = 2 * halfTaps;
  const coefficients = new Float64Array(phases * tapsPerPhase);
  const windowNormaliser = besselI0(options.kaiserBeta);
  for (let phase = 0; phase < phases; phase++) {
    let sum = 0;
    for (let tap = 0; tap < tapsPerPhase; tap++) {
      // Distance from the output position to the input sample this tap multiplies.
      const distance = phase / phases + halfTaps - 1 - tap;
      const relative = distance / halfWidth;
      const window = Math.abs(relative) >= 1 ? 0 : besselI0(options.kaiserBeta * Math.sqrt(1 - relative * relative)) / windowNormaliser;
      const coefficient = 2 * cutoff * sinc(2 * cutoff * distance) * window;
      coefficients[phase * tapsPerPhase + tap] = coefficient;
      sum += coefficient;
    }
    // Exact unity gain at 0 Hz for every phase, so silence and DC offsets pass unchanged.
    for (let tap = 0; tap < tapsPerPhase; tap++) coefficients[phase * tapsPerPhase + tap] /= sum;
  }
  return { coefficients, tapsPerPhase, halfTaps };
}
