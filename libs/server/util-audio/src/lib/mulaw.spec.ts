import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeMulaw, encodeMulaw, encodeMulawSample, MULAW_TO_LINEAR } from './mulaw';
import {
  fliteSpeech,
  rawPcm16Args,
  readRawPcm16,
  requireSoxAndFlite,
  runSox,
  withTemporaryDirectory,
  writeRawPcm16,
} from '@tnt/shared/util-testing';

/** Asks sox to decode μ-law bytes, the reference our table must equal. */
function soxDecodeMulaw(encoded: Uint8Array): Int16Array {
  return withTemporaryDirectory((directory) => {
    const input = join(directory, 'input.ul');
    const output = join(directory, 'output.raw');
    writeFileSync(input, encoded);
    runSox(['-t', 'ul', '-r', '8000', '-c', '1', input, ...rawPcm16Args(8000), output]);
    return readRawPcm16(output);
  });
}

/** Asks sox to encode 16-bit samples to μ-law. */
function soxEncodeMulaw(samples: Int16Array): Uint8Array {
  return withTemporaryDirectory((directory) => {
    const input = join(directory, 'input.raw');
    const output = join(directory, 'output.ul');
    writeRawPcm16(input, samples);
    runSox([...rawPcm16Args(8000), input, '-t', 'ul', output]);
    return new Uint8Array(readFileSync(output));
  });
}

describe('G.711 μ-law', () => {
  beforeAll(() => requireSoxAndFlite());

  it('decodes every one of the 256 bytes exactly as sox does', () => {
    const everyByte = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    expect(Array.from(decodeMulaw(everyByte))).toEqual(Array.from(soxDecodeMulaw(everyByte)));
    expect(MULAW_TO_LINEAR[0x00]).toBe(-32124);
    expect(MULAW_TO_LINEAR[0xff]).toBe(0);
  });

  it('encodes every 16-bit value to the same byte as sox', () => {
    const everyValue = Int16Array.from({ length: 65536 }, (_, index) => index - 32768);
    const ours = encodeMulaw(everyValue);
    const sox = soxEncodeMulaw(everyValue);
    const firstMismatch = ours.findIndex((byte, index) => byte !== sox[index]);
    expect(firstMismatch).toBe(-1);
    expect(ours.length).toBe(65536);
  });

  it('decodes flite speech that sox encoded to μ-law identically to sox', () => {
    const speech = fliteSpeech('Thank you for calling, how can I help you today?', 8000);
    const encoded = soxEncodeMulaw(speech);
    const ours = decodeMulaw(encoded);
    const sox = soxDecodeMulaw(encoded);
    expect(ours.length).toBe(speech.length);
    expect(Buffer.from(ours.buffer).equals(Buffer.from(sox.buffer))).toBe(true);
  });

  it('round-trips a sample through encode and decode within one quantisation step', () => {
    for (const sample of [0, 100, -100, 1000, -5000, 20000, -32768, 32767]) {
      const decoded = MULAW_TO_LINEAR[encodeMulawSample(sample)];
      // The widest G.711 segment quantises in steps of 1024 (plus clipping above 32124).
      expect(Math.abs(decoded - sample)).toBeLessThanOrEqual(Math.max(1024, Math.abs(sample) - 32124));
    }
  });

  it('decodes into a caller-provided array without allocating', () => {
    const output = new Int16Array(8);
    const decoded = decodeMulaw(Uint8Array.of(0x00, 0x80, 0xff), output);
    expect(decoded.buffer).toBe(output.buffer);
    expect(Array.from(decoded)).toEqual([-32124, 32124, 0]);
    expect(() => decodeMulaw(new Uint8Array(9), output)).toThrow('decodeMulaw: output holds 8 samples, 9 needed');
  });
});
