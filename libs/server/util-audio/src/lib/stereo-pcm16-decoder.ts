/** The two mono channels split out of interleaved stereo. */
export interface StereoChannels {
  /** Samples of the first (left) channel. */
  readonly channel0: Int16Array;
  /** Samples of the second (right) channel. */
  readonly channel1: Int16Array;
}

const BYTES_PER_FRAME = 4;

/**
 * Splits a stream of interleaved stereo little-endian 16-bit PCM bytes (channel 0, channel 1,
 * channel 0, ...) into two mono channels; chunks may end anywhere, even inside a sample or
 * between the two samples of a frame, and the incomplete frame waits for the next chunk.
 *
 * Both channels of a chunk share one new buffer and the bytes are read once: ingest decodes every
 * audio frame of every call, and under load the gateway's full GCs came as short-lived array
 * buffers piled up between scavenges (see the README's benchmark notes), so fewer buffers here
 * means fewer full GCs.
 */
export class StereoPcm16Decoder {
  /** Bytes of an incomplete frame carried over from the last chunk (0 to 3 of them). */
  private readonly carried = new Uint8Array(BYTES_PER_FRAME - 1);
  private carriedLength = 0;

  /**
   * Decodes and splits the next chunk.
   * @returns the frames this chunk completes, as two arrays of equal length (new each call).
   */
  decode(chunk: Uint8Array): StereoChannels {
    const carriedLength = this.carriedLength;
    const frames = Math.floor((carriedLength + chunk.length) / BYTES_PER_FRAME);
    const samples = new Int16Array(2 * frames);
    const channel0 = samples.subarray(0, frames);
    const channel1 = samples.subarray(frames);
    let frame = 0;
    if (carriedLength > 0 && frames > 0) {
      channel0[0] = this.byteAt(chunk, 0) | (this.byteAt(chunk, 1) << 8);
      channel1[0] = this.byteAt(chunk, 2) | (this.byteAt(chunk, 3) << 8);
      frame = 1;
    }
    // Int16Array stores the low 16 bits as a signed value, so no sign extension is needed.
    for (let byte = frame * BYTES_PER_FRAME - carriedLength; frame < frames; frame++, byte += BYTES_PER_FRAME) {
      channel0[frame] = chunk[byte] | (chunk[byte + 1] << 8);
      channel1[frame] = chunk[byte + 2] | (chunk[byte + 3] << 8);
    }
    this.carryRest(chunk, frames * BYTES_PER_FRAME);
    return { channel0, channel1 };
  }

  /** Forgets any partial sample or frame carried over from the last chunk. */
  reset(): void {
    this.carriedLength = 0;
  }

  /** Byte `index` of the carried bytes followed by `chunk`. */
  private byteAt(chunk: Uint8Array, index: number): number {
    return index < this.carriedLength ? this.carried[index] : chunk[index - this.carriedLength];
  }

  /** Keeps what follows the first `usedBytes` of (carried bytes + chunk) for the next chunk. */
  private carryRest(chunk: Uint8Array, usedBytes: number): void {
    const restLength = this.carriedLength + chunk.length - usedBytes;
    // In place: a carried byte is only ever kept at its own index (when no frame was completed).
    for (let index = 0; index < restLength; index++) this.carried[index] = this.byteAt(chunk, usedBytes + index);
    this.carriedLength = restLength;
  }
}
