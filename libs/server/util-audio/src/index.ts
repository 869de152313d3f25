export * from './lib/audio-error';
export * from './lib/mulaw';
export * from './lib/pcm16-decoder';
export * from './lib/stereo-pcm16-decoder';
export type { ResampleMethod, Resampler } from './lib/resampler';
export * from './lib/linear-resampler';
export * from './lib/sinc-resampler';
export type { WindowedSincOptions } from './lib/windowed-sinc';
export * from './lib/create-resampler';
