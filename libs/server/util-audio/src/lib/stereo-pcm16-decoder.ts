import { Pcm16Decoder } from './pcm16-decoder';

/** The two mono channels split out of interleaved stereo. */
export interface StereoChannels {
  /** Samples of the first (left) channel. */
  readonly channel0: Int16Array;
  /** Samples of the second (right) channel. */
  readonly channel1: Int16Array;
}

/**
 * Splits interleaved stereo samples (channel 0, channel 1, channel 0, ...) arriving in chunks of
 * any length into two mono channels. Which channel is the caller is decided by the caller of this
 * class; a chunk that ends after channel 0 of a frame keeps that sample for the next chunk.
 */
export class StereoDeinterleaver {
  private carriedChannel0Sample: number | undefined;

  /**
   * Splits the next chunk of interleaved samples.
   * @returns the frames completed by this chunk, as two arrays of equal length (new each call).
   */
  split(interleaved: Int16Array): StereoChannels {
    const carried = this.carriedChannel0Sample;
    const available = interleaved.length + (carried === undefined ? 0 : 1);
    const frames = available >> 1;
    const channel0 = new Int16Array(frames);
    const channel1 = new Int16Array(frames);
    let sampleIndex = 0;
    let frame = 0;
    if (carried !== undefined && frames > 0) {
      channel0[0] = carried;
      channel1[0] = interleaved[0];
      sampleIndex = 1;
      frame = 1;
    }
    for (; frame < frames; frame++, sampleIndex += 2) {
      channel0[frame] = interleaved[sampleIndex];
      channel1[frame] = interleaved[sampleIndex + 1];
    }
    if (available & 1) {
      this.carriedChannel0Sample = interleaved.length > 0 ? interleaved[interleaved.length - 1] : carried;
    } else {
      this.carriedChannel0Sample = undefined;
    }
    return { channel0, channel1 };
  }

  /** Forgets a carried half frame. */
  reset(): void {
    this.carriedChannel0Sample = undefined;
  }
}

/**
 * Splits a stream of interleaved stereo little-endian 16-bit PCM bytes into two mono channels;
 * chunks may end anywhere, even inside a sample or between the two samples of a frame.
 */
export class StereoPcm16Decoder {
  private readonly bytes = new Pcm16Decoder();
  private readonly frames = new StereoDeinterleaver();

  /** Decodes and splits the next chunk; returns the frames it completes. */
  decode(chunk: Uint8Array): StereoChannels {
    return this.frames.split(this.bytes.decode(chunk));
  }

  /** Forgets any partial sample or frame carried over from the last chunk. */
  reset(): void {
    this.bytes.reset();
    this.frames.reset();
  }
}
