/**
 * The bandwidth a stream's audio was captured at. Telephone audio (8 kHz) reaches the decoder
 * resampled to 16 kHz but holds nothing above 4 kHz, so its cepstra sit far from wideband speech.
 */
export type AudioBand = 'narrow' | 'wide';

/** Audio captured at this rate or lower is narrowband. */
export const NARROWBAND_MAX_RATE = 8000;

/**
 * Where a stream's live cepstral mean starts, per band, with Debian's `en-us` acoustic model: the
 * mean pocketsphinx's live CMN reaches on real read speech (the five LibriVox clips of Debian's
 * `pocketsphinx-testdata`), averaged over the clips; for `narrow`, the clips band-limited to 8 kHz
 * and brought back to 16 kHz by TnT's own resampler, as telephone audio reaches the decoder.
 * Derived, and checked against a fresh derivation, by `cepstral-mean-priors.spec.ts`.
 *
 * The model's own `-cmninit` is far from both: every call's first utterance was decoded against
 * the wrong spectrum until live CMN caught up. Starting here instead, on the fixture conversations
 * (not used to derive them) word error rate went 0.127 → 0.111 at 16 kHz and 0.286 → 0.222 at
 * 8 kHz; on the LibriVox clips, each left out of its own derivation, 0.423 → 0.296 and 0.408 → 0.324.
 */
export const EN_US_CEPSTRAL_MEANS: Readonly<Record<AudioBand, readonly number[]>> = {
  wide: [53.69, 6.78, -4.37, 21.92, -16.99, 7.68, -7.92, -7.5, 3.3, -3.7, 4.15, -3.43, 0.29],
  narrow: [53.0, 6.32, 1.99, 10.97, -5.82, -0.15, -6.42, -2.81, -6.15, 7.36, -5.37, 2.21, -0.72],
};
