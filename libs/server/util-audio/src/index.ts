export { AudioError, AudioErrorCode } from './lib/audio-error';
export { decodeMulaw, encodeMulaw } from './lib/mulaw';
export { Pcm16Decoder } from './lib/pcm16-decoder';
export { type StereoChannels, StereoPcm16Decoder } from './lib/stereo-pcm16-decoder';
export type { ResampleMethod, Resampler } from './lib/resampler';
export type { WindowedSincOptions } from './lib/windowed-sinc';
export { createResampler } from './lib/create-resampler';
