import { readFile, writeFile } from 'node:fs/promises';
import { formatWav, parseWav, Pcm16Audio, Pcm16Wav, WavContent } from './wav';
import { SpeechError, SpeechErrorCode } from './speech-error';

/** Reads and parses a WAV file (16-bit PCM or μ-law); parse errors name the file. */
export async function readWavFile(path: string): Promise<WavContent> {
  const file = await readFile(path);
  try {
    return parseWav(file);
  } catch (error) {
    if (error instanceof SpeechError) throw new SpeechError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Reads a WAV file that must be 16-bit PCM.
 * @throws SpeechError `SPEECH_ERR_UNSUPPORTED_WAV_FORMAT` when it is μ-law.
 */
export async function readPcm16WavFile(path: string): Promise<Pcm16Wav> {
  const content = await readWavFile(path);
  if (content.encoding !== 'pcm16') {
    throw new SpeechError(SpeechErrorCode.UnsupportedWavFormat, `${path}: expected 16-bit PCM, found ${content.encoding}`);
  }
  return content;
}

/** Writes audio to `path` as a 16-bit PCM WAV file. */
export async function writeWavFile(path: string, audio: Pcm16Audio): Promise<void> {
  await writeFile(path, formatWav(audio));
}
