import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractChannel, formatWav, parseWav } from './wav';
import { readPcm16WavFile, readWavFile, writeWavFile } from './wav-file';
import {
  requireSoxAndFlite,
  runSox,
  soxiFormat,
  soxMulawBytes,
  soxSamples,
  speakToWav,
  withTemporaryDirectory,
} from '@tnt/shared/util-testing';

function sameSamples(first: Int16Array, second: Int16Array): boolean {
  return first.length === second.length && first.every((sample, index) => sample === second[index]);
}

/** A minimal WAV with a 3-byte LIST chunk (padded to 4) before the data. */
function wavWithOddSizedChunk(): Uint8Array {
  const canonical = formatWav({ sampleRate: 8000, channels: 1, samples: Int16Array.of(7, -7) });
  const list = Uint8Array.of(...Buffer.from('LIST'), 3, 0, 0, 0, 0x61, 0x62, 0x63, 0);
  const file = new Uint8Array(canonical.length + list.length);
  file.set(canonical.subarray(0, 36));
  file.set(list, 36);
  file.set(canonical.subarray(36), 36 + list.length);
  return file;
}

describe('WAV files', () => {
  beforeAll(() => requireSoxAndFlite());

  it('reads flite speech in a mono 16-bit WAV exactly as sox decodes it', async () => {
    await withTemporaryDirectory(async (directory) => {
      const path = join(directory, 'speech.wav');
      speakToWav('Your parcel will arrive tomorrow.', path);
      const wav = await readPcm16WavFile(path);
      expect(wav).toMatchObject({ encoding: 'pcm16', sampleRate: 16000, channels: 1 });
      expect(sameSamples(wav.samples, soxSamples(path))).toBe(true);
    });
  });

  it('reads a three-channel WAV with an extensible header and a fact chunk, as sox writes it', async () => {
    await withTemporaryDirectory(async (directory) => {
      const mono = join(directory, 'mono.wav');
      const multi = join(directory, 'multi.wav');
      speakToWav('One two three.', mono);
      runSox(['-M', mono, mono, mono, multi]);
      expect(readFileSync(multi).readUInt16LE(20)).toBe(0xfffe);
      const wav = await readPcm16WavFile(multi);
      expect(wav.channels).toBe(3);
      expect(sameSamples(wav.samples, soxSamples(multi))).toBe(true);
      expect(sameSamples(extractChannel(wav.samples, 3, 2), soxSamples(mono))).toBe(true);
    });
  });

  it('detects a μ-law WAV and returns its bytes undecoded', async () => {
    await withTemporaryDirectory(async (directory) => {
      const speech = join(directory, 'speech.wav');
      const mulaw = join(directory, 'mulaw.wav');
      speakToWav('Thank you for calling.', speech);
      runSox([speech, '-e', 'u-law', '-r', '8000', mulaw, 'rate', '8000']);
      const wav = await readWavFile(mulaw);
      expect(wav.encoding).toBe('mulaw');
      if (wav.encoding !== 'mulaw') return;
      expect(wav).toMatchObject({ sampleRate: 8000, channels: 1 });
      expect(Buffer.from(wav.bytes).equals(Buffer.from(soxMulawBytes(mulaw)))).toBe(true);
      await expect(readPcm16WavFile(mulaw)).rejects.toMatchObject({ code: 'SPEECH_ERR_UNSUPPORTED_WAV_FORMAT' });
    });
  });

  it('writes stereo PCM that sox reads back with the same rate, channels and samples', async () => {
    await withTemporaryDirectory(async (directory) => {
      const path = join(directory, 'ours.wav');
      const samples = Int16Array.from({ length: 3200 }, (_, index) => ((index * 7919) % 65536) - 32768);
      await writeWavFile(path, { sampleRate: 16000, channels: 2, samples });
      expect(soxiFormat(path)).toEqual({ sampleRate: 16000, channels: 2 });
      expect(sameSamples(soxSamples(path), samples)).toBe(true);
      const roundTrip = parseWav(readFileSync(path));
      expect(roundTrip.encoding === 'pcm16' && sameSamples(roundTrip.samples, samples)).toBe(true);
    });
  });

  it('skips unknown chunks, honouring the pad byte after an odd-sized one', () => {
    const wav = parseWav(wavWithOddSizedChunk());
    expect(wav.encoding === 'pcm16' && Array.from(wav.samples)).toEqual([7, -7]);
  });

  it('rejects files that are not WAV and sample formats it does not read, with stable codes', async () => {
    expect(() => parseWav(Buffer.from('ID3 not a wave file'))).toThrow(expect.objectContaining({ code: 'SPEECH_ERR_INVALID_WAV' }));
    expect(() => parseWav(formatWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(4) }).subarray(0, 30))).toThrow(
      expect.objectContaining({ code: 'SPEECH_ERR_INVALID_WAV' }),
    );
    await withTemporaryDirectory(async (directory) => {
      const speech = join(directory, 'speech.wav');
      const eightBit = join(directory, 'eight-bit.wav');
      speakToWav('Goodbye.', speech);
      runSox([speech, '-b', '8', eightBit]);
      await expect(readWavFile(eightBit)).rejects.toMatchObject({
        code: 'SPEECH_ERR_UNSUPPORTED_WAV_FORMAT',
        message: `${eightBit}: Unsupported WAV sample format: format tag 0x0001, 8 bits; only 16-bit PCM and 8-bit μ-law are read`,
      });
    });
  });

  it('refuses to write samples that do not fill whole frames', () => {
    expect(() => formatWav({ sampleRate: 8000, channels: 2, samples: new Int16Array(3) })).toThrow(
      'formatWav: 3 samples do not make whole frames of 2 channels',
    );
  });
});
