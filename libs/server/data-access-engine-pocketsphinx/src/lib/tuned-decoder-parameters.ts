/**
 * Decoder parameters chosen by measurement (flite voices slt/rms/awb/kal16, six call-centre
 * sentences, 212 words, 16 kHz, light noise floor; see the library README for the tables).
 * Values equal to the library default are still listed so the whole choice is visible.
 */
export const TUNED_DECODER_PARAMETERS: Readonly<Record<string, string>> = {
  // 100 frames per second makes a frame exactly 10 ms, which segment timing relies on.
  frate: '100',
  // Default 2.0 let the first second of every stream and a -40 dBFS noise floor open
  // utterances that swallowed the next sentence; 3.0 split two sentences cleanly at every
  // noise level tried, 4.0 began cutting words off at commas.
  vad_threshold: '3.0',
  // 0.2 s of audio before the detected onset is kept so the first phone is not clipped.
  vad_prespeech: '20',
  // 0.5 s of silence ends an utterance: comma pauses (~0.3 s) stay inside, a 0.6 s gap splits.
  vad_postspeech: '50',
  // Lattice best-path rescoring: WER 7.1 % against 12.5 % without, and it is what gives real
  // word posteriors (confidence); without it every posterior reads 1.0.
  bestpath: 'yes',
  // Second flat-lexicon pass: WER 11.6 % without it.
  fwdflat: 'yes',
  // Language weight: 5.5 and 6.5 tie at 7.1 %, 7.5 gives 9.8 %, 8.5 gives 17.4 %.
  lw: '6.5',
  // Beam 1e-40 lost words (WER 28.6 %); 1e-60 matched 1e-48 at three times the cost.
  beam: '1e-48',
  wbeam: '7e-29',
  pbeam: '1e-48',
  // At most 3,000 active HMMs per frame (default 30,000): decoding CPU 0.207 → 0.093 of real
  // time on dense speech, WER unchanged at 5.8 % on 272 words (flite awb/kal16/slt/rms, eight
  // call-centre sentences not in the fixtures); 2,000 gave 6.5 %. It is what lets a 2-core
  // machine keep up with 16 speakers.
  maxhmmpf: '3000',
};

/** Parameters the engine owns; they have dedicated options or must not change. */
export const RESERVED_DECODER_PARAMETERS: readonly string[] = ['hmm', 'lm', 'dict', 'samprate', 'logfn'];
