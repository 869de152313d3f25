export { TestingError, TestingErrorCode } from './lib/testing-error';
export { normalizeWords, wordErrorRate, WordErrorTotals, type WordErrorRate } from './lib/word-error-rate';
export { withTemporaryDirectory } from './lib/temporary-directory';
export { bytesFromSamples, concatSamples, rawPcm16Args, readRawPcm16, samplesFromBytes, writeRawPcm16 } from './lib/raw-pcm';
export { requireSoxAndFlite, runTool, runToolAsync } from './lib/audio-tools';
export {
  fromTelephoneMulaw,
  runSox,
  runSoxAsync,
  soxiFormat,
  soxMulawBytes,
  soxResample,
  soxSamples,
  toTelephoneMulaw,
  type SoxOptions,
} from './lib/sox';
export { fliteSpeech, speakToWav, type FliteVoice } from './lib/flite';
