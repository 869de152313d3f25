import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromTelephoneMulaw, toTelephoneMulaw } from '@tnt/shared/util-testing';
import { formatWav } from '@tnt/tools/util-speech';

const run = promisify(execFile);
const MODEL = '/usr/share/pocketsphinx/model/en-us';

/**
 * Transcribes one 16-bit mono track with Debian's batch recogniser `pocketsphinx_continuous`
 * (same acoustic model as the engine, default parameters; the generic language model and
 * dictionary unless `model` names others) and
 * returns every utterance's text joined.
 */
export async function batchTranscribe(
  samples: Int16Array,
  sampleRate: number,
  model: { readonly languageModelPath: string; readonly dictionaryPath: string } = {
    languageModelPath: `${MODEL}/en-us.lm.bin`,
    dictionaryPath: `${MODEL}/cmudict-en-us.dict`,
  },
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tnt-batch-'));
  try {
    const wav = join(dir, 'track.wav');
    await writeFile(wav, formatWav({ sampleRate, channels: 1, samples }));
    const { stdout } = await run(
      'pocketsphinx_continuous',
      [
        '-infile',
        wav,
        '-hmm',
        `${MODEL}/en-us`,
        '-lm',
        model.languageModelPath,
        '-dict',
        model.dictionaryPath,
        '-samprate',
        String(sampleRate),
        '-logfn',
        '/dev/null',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The telephone version of a track as a batch user would feed it: 8 kHz μ-law by sox, then back
 * to the track's rate by sox (band-limited), since the model wants 16 kHz.
 */
export async function telephoneRoundTrip(samples: Int16Array, sampleRate: number): Promise<Int16Array> {
  return fromTelephoneMulaw(await toTelephoneMulaw(samples, sampleRate), sampleRate);
}
