import { Pcm16Decoder } from './pcm16-decoder';
import { concatSamples, fliteSpeech, requireSoxAndFlite } from '@tnt/shared/util-testing';
import { chunkBytes } from '../testing/signals';

function littleEndianBytes(samples: Int16Array): Uint8Array {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => bytes.writeInt16LE(sample, index * 2));
  return bytes;
}

describe('Pcm16Decoder', () => {
  let speech: Int16Array;
  beforeAll(() => {
    requireSoxAndFlite();
    speech = fliteSpeech('My parcel was supposed to arrive on Monday.', 16000);
  });

  it('decodes little-endian bytes to signed samples, including the extremes', () => {
    const decoder = new Pcm16Decoder();
    const bytes = Uint8Array.of(0x00, 0x00, 0xff, 0x7f, 0x00, 0x80, 0xff, 0xff, 0x34, 0x12);
    expect(Array.from(decoder.decode(bytes))).toEqual([0, 32767, -32768, -1, 0x1234]);
    expect(decoder.hasCarriedByte).toBe(false);
  });

  it('carries an odd byte to the next chunk and completes the sample with it', () => {
    const decoder = new Pcm16Decoder();
    expect(Array.from(decoder.decode(Uint8Array.of(0x01, 0x00, 0xfe)))).toEqual([1]);
    expect(decoder.hasCarriedByte).toBe(true);
    expect(Array.from(decoder.decode(new Uint8Array(0)))).toEqual([]);
    expect(decoder.hasCarriedByte).toBe(true);
    expect(Array.from(decoder.decode(Uint8Array.of(0xff, 0x02)))).toEqual([-2]);
    expect(decoder.hasCarriedByte).toBe(true);
    expect(Array.from(decoder.decode(Uint8Array.of(0x00)))).toEqual([2]);
    expect(decoder.hasCarriedByte).toBe(false);
  });

  it.each([1, 3, 7, 320, 4097])('decodes flite speech split into %i-byte chunks exactly as in one piece', (chunkSize) => {
    const bytes = littleEndianBytes(speech);
    const decoder = new Pcm16Decoder();
    const decoded = concatSamples(chunkBytes(bytes, chunkSize).map((chunk) => decoder.decode(chunk)));
    expect(decoded.length).toBe(speech.length);
    expect(Buffer.from(decoded.buffer).equals(Buffer.from(speech.buffer))).toBe(true);
  });

  it('decodes chunks that start at an odd offset of their buffer', () => {
    const backing = new Uint8Array(9);
    backing.set([0x10, 0x00, 0x20, 0x00, 0x30, 0x00], 1);
    expect(Array.from(new Pcm16Decoder().decode(backing.subarray(1, 7)))).toEqual([16, 32, 48]);
  });

  it('drops a carried byte on reset', () => {
    const decoder = new Pcm16Decoder();
    decoder.decode(Uint8Array.of(0xaa));
    decoder.reset();
    expect(Array.from(decoder.decode(Uint8Array.of(0x05, 0x00)))).toEqual([5]);
  });
});
