/**
 * Turns a stream of little-endian signed 16-bit PCM bytes, cut into chunks of any size, into
 * samples. A chunk that ends in the middle of a sample leaves its odd byte to the next chunk.
 */
export class Pcm16Decoder {
  private carriedByte = -1;

  /** True when an odd byte is waiting for the next chunk to complete its sample. */
  get hasCarriedByte(): boolean {
    return this.carriedByte >= 0;
  }

  /**
   * Decodes the next chunk.
   * @returns every sample completed by this chunk (possibly none); a new array each call.
   */
  decode(chunk: Uint8Array): Int16Array {
    const carried = this.carriedByte;
    const available = chunk.length + (carried >= 0 ? 1 : 0);
    const samples = new Int16Array(available >> 1);
    let byteIndex = 0;
    let sampleIndex = 0;
    if (carried >= 0 && samples.length > 0) {
      samples[0] = ((carried | (chunk[0] << 8)) << 16) >> 16;
      byteIndex = 1;
      sampleIndex = 1;
    }
    for (; sampleIndex < samples.length; sampleIndex++, byteIndex += 2) {
      // Shifting left then arithmetically right by 16 sign-extends the 16-bit value.
      samples[sampleIndex] = ((chunk[byteIndex] | (chunk[byteIndex + 1] << 8)) << 16) >> 16;
    }
    if (available & 1) {
      this.carriedByte = chunk.length > 0 ? chunk[chunk.length - 1] : carried;
    } else {
      this.carriedByte = -1;
    }
    return samples;
  }

  /** Forgets a carried byte, e.g. when the stream ends or restarts. */
  reset(): void {
    this.carriedByte = -1;
  }
}
