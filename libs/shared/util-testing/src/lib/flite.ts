/** Reference speech from the real `flite` synthesiser, so speech specs need no recorded fixtures. */
import { join } from 'node:path';
import { runTool } from './audio-tools';
import { rawPcm16Args, readRawPcm16 } from './raw-pcm';
import { runSox } from './sox';
import { withTemporaryDirectory } from './temporary-directory';

/** flite voices that speak at 16 kHz. */
export type FliteVoice = 'slt' | 'rms' | 'awb' | 'kal16';

/** Speaks `text` with a flite voice into a WAV file at `path` (the voice's own rate, 16-bit mono). */
export function speakToWav(text: string, path: string, voice: FliteVoice = 'slt'): void {
  runTool('flite', ['-voice', voice, '-t', text, '-o', path]);
}

/**
 * Speaks `text` with a flite voice and returns it as mono 16-bit samples at `rate` Hz
 * (resampled by sox's default band-limited `rate` effect when `rate` is not the voice's own).
 */
export function fliteSpeech(text: string, rate: number, voice: FliteVoice = 'slt'): Int16Array {
  return withTemporaryDirectory((directory) => {
    const spoken = join(directory, 'spoken.wav');
    const converted = join(directory, 'converted.raw');
    speakToWav(text, spoken, voice);
    runSox([spoken, ...rawPcm16Args(rate), converted, 'rate', String(rate)]);
    return readRawPcm16(converted);
  });
}
