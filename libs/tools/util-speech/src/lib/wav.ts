import { SpeechError, SpeechErrorCode } from './speech-error';

/** Linear PCM audio: signed 16-bit samples, channels interleaved frame by frame. */
export interface Pcm16Audio {
  readonly sampleRate: number;
  readonly channels: number;
  /** Interleaved samples (channel 0, channel 1, ... of frame 0, then frame 1, ...). */
  readonly samples: Int16Array;
}

/** A 16-bit PCM WAV file's content. */
export interface Pcm16Wav extends Pcm16Audio {
  readonly encoding: 'pcm16';
}

/** A G.711 μ-law WAV file's content, left encoded (decode it with `@tnt/server/util-audio`). */
export interface MulawWav {
  readonly encoding: 'mulaw';
  readonly sampleRate: number;
  readonly channels: number;
  /** Interleaved μ-law bytes, one per sample. */
  readonly bytes: Uint8Array;
}

/** What {@link parseWav} finds in a WAV file. */
export type WavContent = Pcm16Wav | MulawWav;

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_MULAW = 0x0007;
/** The real format tag of an extensible header is the first two bytes of its sub-format GUID. */
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const PCM_HEADER_BYTES = 44;

function fourCharacterCode(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function invalid(message: string): SpeechError {
  return new SpeechError(SpeechErrorCode.InvalidWav, message);
}

interface WavFormat {
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
}

function readFormat(view: DataView, offset: number, size: number): WavFormat {
  if (size < 16) throw invalid(`WAV fmt chunk is ${size} bytes, at least 16 expected`);
  let formatTag = view.getUint16(offset, true);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 26) throw invalid(`WAV extensible fmt chunk is ${size} bytes, at least 26 expected`);
    formatTag = view.getUint16(offset + 24, true);
  }
  return {
    formatTag,
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
}

/**
 * Reads a WAV file held in memory. Accepts 16-bit PCM and 8-bit μ-law (plain or extensible
 * headers) and skips chunks it does not need (LIST, fact, ...).
 * @throws SpeechError `SPEECH_ERR_INVALID_WAV` for malformed files and
 *   `SPEECH_ERR_UNSUPPORTED_WAV_FORMAT` for other sample formats.
 */
export function parseWav(file: Uint8Array): WavContent {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < RIFF_HEADER_BYTES || fourCharacterCode(view, 0) !== 'RIFF' || fourCharacterCode(view, 8) !== 'WAVE') {
    throw invalid('Not a WAV file: the RIFF/WAVE header is missing');
  }
  let format: WavFormat | undefined;
  let data: Uint8Array | undefined;
  for (let offset = RIFF_HEADER_BYTES; offset + CHUNK_HEADER_BYTES <= file.length && !data;) {
    const id = fourCharacterCode(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + CHUNK_HEADER_BYTES;
    if (id === 'fmt ') {
      if (body + size > file.length) throw invalid(`WAV fmt chunk runs past the end of the file`);
      format = readFormat(view, body, size);
    } else if (id === 'data') {
      if (!format) throw invalid('WAV data chunk comes before the fmt chunk');
      // Streaming writers leave the size at 0 or 0xFFFFFFFF; trust the file length then.
      const end = size === 0 || body + size > file.length ? file.length : body + size;
      data = file.subarray(body, end);
    }
    // Chunks are padded to an even length.
    offset = body + size + (size & 1);
  }
  if (!format) throw invalid('WAV file has no fmt chunk');
  if (!data) throw invalid('WAV file has no data chunk');
  const { formatTag, channels, sampleRate, bitsPerSample } = format;
  if (channels < 1) throw invalid(`WAV file declares ${channels} channels`);
  if (formatTag === WAVE_FORMAT_PCM && bitsPerSample === 16) {
    const samples = new Int16Array(data.length >> 1);
    const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let index = 0; index < samples.length; index++) samples[index] = dataView.getInt16(index * 2, true);
    return { encoding: 'pcm16', sampleRate, channels, samples };
  }
  if (formatTag === WAVE_FORMAT_MULAW && bitsPerSample === 8) {
    return { encoding: 'mulaw', sampleRate, channels, bytes: data.slice() };
  }
  throw new SpeechError(
    SpeechErrorCode.UnsupportedWavFormat,
    `Unsupported WAV sample format: format tag 0x${formatTag.toString(16).padStart(4, '0')}, ${bitsPerSample} bits; ` +
      'only 16-bit PCM and 8-bit μ-law are read',
  );
}

/** Writes audio as a canonical 44-byte-header 16-bit PCM WAV file. */
export function formatWav(audio: Pcm16Audio): Uint8Array {
  const { sampleRate, channels, samples } = audio;
  if (!Number.isInteger(channels) || channels < 1 || samples.length % channels !== 0) {
    throw new RangeError(`formatWav: ${samples.length} samples do not make whole frames of ${channels} channels`);
  }
  const dataBytes = samples.length * 2;
  const file = new Uint8Array(PCM_HEADER_BYTES + dataBytes);
  const view = new DataView(file.buffer);
  const writeCode = (offset: number, code: string) => {
    for (let index = 0; index < 4; index++) view.setUint8(offset + index, code.charCodeAt(index));
  };
  writeCode(0, 'RIFF');
  view.setUint32(4, file.length - 8, true);
  writeCode(8, 'WAVE');
  writeCode(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  writeCode(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < samples.length; index++) view.setInt16(PCM_HEADER_BYTES + index * 2, samples[index], true);
  return file;
}

/**
 * Copies one channel out of interleaved samples.
 * @param channel zero-based channel index, below `channels`.
 */
export function extractChannel(samples: Int16Array, channels: number, channel: number): Int16Array {
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    throw new RangeError(`extractChannel: channel ${channel} does not exist in ${channels}-channel audio`);
  }
  const mono = new Int16Array(Math.floor(samples.length / channels));
  for (let frame = 0; frame < mono.length; frame++) mono[frame] = samples[frame * channels + channel];
  return mono;
}
