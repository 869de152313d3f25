import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { StereoPcm16Decoder } from './stereo-pcm16-decoder';
import {
  concatSamples,
  fliteSpeech,
  rawPcm16Args,
  readRawPcm16,
  requireSoxAndFlite,
  runSox,
  withTemporaryDirectory,
  writeRawPcm16,
} from '@tnt/shared/util-testing';
import { chunkBytes } from '../testing/signals';

interface SoxStereoReference {
  readonly interleavedBytes: Uint8Array;
  readonly left: Int16Array;
  readonly right: Int16Array;
}

/** Two different utterances merged by sox into one stereo stream, and sox's own channel split. */
function soxStereoReference(): SoxStereoReference {
  const caller = fliteSpeech('Hi, I was charged twice on my last bill.', 16000);
  const agent = fliteSpeech('I am sorry about that, let me check your account.', 16000);
  return withTemporaryDirectory((directory) => {
    const paths = ['caller', 'agent', 'stereo', 'left', 'right'].map((name) => join(directory, `${name}.raw`));
    const [callerPath, agentPath, stereoPath, leftPath, rightPath] = paths;
    writeRawPcm16(callerPath, caller);
    writeRawPcm16(agentPath, agent);
    const mono = rawPcm16Args(16000, 1);
    runSox(['-M', ...mono, callerPath, ...mono, agentPath, ...rawPcm16Args(16000, 2), stereoPath]);
    runSox([...rawPcm16Args(16000, 2), stereoPath, ...mono, leftPath, 'remix', '1']);
    runSox([...rawPcm16Args(16000, 2), stereoPath, ...mono, rightPath, 'remix', '2']);
    return {
      interleavedBytes: new Uint8Array(readFileSync(stereoPath)),
      left: readRawPcm16(leftPath),
      right: readRawPcm16(rightPath),
    };
  });
}

describe('StereoPcm16Decoder', () => {
  let reference: SoxStereoReference;
  beforeAll(() => {
    requireSoxAndFlite();
    reference = soxStereoReference();
  });

  it.each([1, 2, 3, 5, 7, 320, 4098])('splits stereo in %i-byte chunks into the channels sox extracts', (chunkSize) => {
    const decoder = new StereoPcm16Decoder();
    const parts = chunkBytes(reference.interleavedBytes, chunkSize).map((chunk) => decoder.decode(chunk));
    const channel0 = concatSamples(parts.map((part) => part.channel0));
    const channel1 = concatSamples(parts.map((part) => part.channel1));
    expect(channel0.length).toBe(reference.left.length);
    expect(Buffer.from(channel0.buffer).equals(Buffer.from(reference.left.buffer))).toBe(true);
    expect(Buffer.from(channel1.buffer).equals(Buffer.from(reference.right.buffer))).toBe(true);
  });

  it('holds back a frame that a chunk cuts after its first channel', () => {
    const decoder = new StereoPcm16Decoder();
    // Frames (1, -1) and (2, -2); the first chunk ends inside the second frame's channel 1.
    const first = decoder.decode(Uint8Array.of(0x01, 0x00, 0xff, 0xff, 0x02, 0x00, 0xfe));
    expect(Array.from(first.channel0)).toEqual([1]);
    expect(Array.from(first.channel1)).toEqual([-1]);
    const second = decoder.decode(Uint8Array.of(0xff));
    expect(Array.from(second.channel0)).toEqual([2]);
    expect(Array.from(second.channel1)).toEqual([-2]);
  });

  it('carries an incomplete frame across empty and one-byte chunks, and forgets it on reset', () => {
    const decoder = new StereoPcm16Decoder();
    // Frames (10, 20) and (-11, 21) cut into 3 + 0 + 1 + 4 bytes.
    const outputs = [Uint8Array.of(10, 0, 20), new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(0xf5, 0xff, 21, 0)].map((chunk) =>
      decoder.decode(chunk),
    );
    expect(outputs.map((part) => Array.from(part.channel0))).toEqual([[], [], [10], [-11]]);
    expect(outputs.map((part) => Array.from(part.channel1))).toEqual([[], [], [20], [21]]);
    decoder.decode(Uint8Array.of(1, 0, 2));
    decoder.reset();
    const afterReset = decoder.decode(Uint8Array.of(3, 0, 4, 0));
    expect([Array.from(afterReset.channel0), Array.from(afterReset.channel1)]).toEqual([[3], [4]]);
  });

  it('returns arrays that later chunks do not overwrite', () => {
    const decoder = new StereoPcm16Decoder();
    const first = decoder.decode(Uint8Array.of(1, 0, 2, 0, 3, 0, 4, 0));
    decoder.decode(Uint8Array.of(9, 0, 9, 0, 9, 0, 9, 0));
    expect([Array.from(first.channel0), Array.from(first.channel1)]).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});
