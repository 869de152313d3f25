import type { EngineSegment } from '@tnt/server/util-engine';
import { prefixStability, toSpokenHypothesis, type SpokenHypothesis } from './hypothesis';
import type { PocketsphinxDecoder } from './pocketsphinx-decoder';

/** How a {@link StreamRecognizer} paces and times its output. */
export interface StreamRecognizerSettings {
  readonly sampleRate: number;
  /** Minimum stretch of stream audio between two interims of one utterance. */
  readonly interimIntervalMs: number;
  readonly frameDurationMs: number;
}

/**
 * Speech state is read after every block of at most this many samples (100 ms at 16 kHz), so a
 * large write cannot hide an utterance end and the next utterance's start inside one call.
 */
const SPEECH_CHECK_BLOCK_SAMPLES = 1600;

/**
 * Turns one stream's PCM into segments with a dedicated decoder. Each stretch of speech the
 * decoder's voice activity detector hears becomes one utterance: interims while it lasts
 * (paced by stream audio, not wall time, so output is the same however fast audio arrives),
 * one final when speech turns to silence or the stream ends.
 */
export class StreamRecognizer {
  private readonly interimIntervalSamples: number;
  private utteranceCount = 0;
  private inUtterance = false;
  /** Id shared by the current utterance's interims and final; assigned on its first output. */
  private currentId: string | null = null;
  private lastInterim: SpokenHypothesis | null = null;
  private samplesDecoded = 0;
  private samplesAtLastInterim = 0;
  private ditherState = 0x2545f491;

  constructor(
    private readonly decoder: PocketsphinxDecoder,
    private readonly settings: StreamRecognizerSettings,
    private readonly emit: (segment: EngineSegment) => void,
    initialCepstralMean?: Float32Array,
  ) {
    this.interimIntervalSamples = Math.round((settings.interimIntervalMs * settings.sampleRate) / 1000);
    decoder.startStream(initialCepstralMean);
  }

  /** Decodes `samples`, which the recognizer may modify in place (it owns them). */
  write(samples: Int16Array): void {
    this.dither(samples);
    for (let offset = 0; offset < samples.length; offset += SPEECH_CHECK_BLOCK_SAMPLES) {
      const block = samples.subarray(offset, offset + SPEECH_CHECK_BLOCK_SAMPLES);
      const inSpeech = this.decoder.process(block);
      this.samplesDecoded += block.length;
      if (inSpeech && !this.inUtterance) {
        this.inUtterance = true;
        this.samplesAtLastInterim = this.samplesDecoded;
      } else if (!inSpeech && this.inUtterance) {
        this.finishUtterance();
        this.decoder.startUtterance();
      } else if (inSpeech && this.samplesDecoded - this.samplesAtLastInterim >= this.interimIntervalSamples) {
        this.emitInterim();
      }
    }
  }

  /** Flushes the decoder and emits the final of an utterance cut off by the end of the stream. */
  end(): void {
    if (this.inUtterance) {
      this.finishUtterance();
    } else {
      this.decoder.endUtterance();
    }
  }

  private emitInterim(): void {
    const hypothesis = toSpokenHypothesis(this.decoder.words(), this.settings.frameDurationMs);
    if (!hypothesis || hypothesis.text === this.lastInterim?.text) return;
    this.samplesAtLastInterim = this.samplesDecoded;
    this.emit({
      id: this.utteranceId(),
      text: hypothesis.text,
      isFinal: false,
      confidence: prefixStability(this.lastInterim?.words ?? [], hypothesis.words),
      startMs: hypothesis.startMs,
      endMs: hypothesis.endMs,
    });
    this.lastInterim = hypothesis;
  }

  private finishUtterance(): void {
    this.decoder.endUtterance();
    this.inUtterance = false;
    const hypothesis = toSpokenHypothesis(this.decoder.words(), this.settings.frameDurationMs);
    if (hypothesis) {
      this.emit({
        id: this.utteranceId(),
        text: hypothesis.text,
        isFinal: true,
        confidence: hypothesis.meanPosterior,
        startMs: hypothesis.startMs,
        endMs: hypothesis.endMs,
      });
    } else if (this.currentId !== null && this.lastInterim) {
      // Rescoring can drop every word the interims showed; an empty final retracts them so no
      // listener is left holding an interim that nothing replaces.
      this.emit({
        id: this.currentId,
        text: '',
        isFinal: true,
        confidence: 0,
        startMs: this.lastInterim.startMs,
        endMs: this.lastInterim.endMs,
      });
    }
    this.currentId = null;
    this.lastInterim = null;
  }

  private utteranceId(): string {
    this.currentId ??= `utterance-${++this.utteranceCount}`;
    return this.currentId;
  }

  /**
   * Adds ±1 LSB of noise. On exact digital silence (a muted line) the library's voice activity
   * detector, at its default threshold, gave different results for the same input from run to
   * run (it takes the log of zero energy); dither keeps it away from that case.
   * The library's own `-dither` uses a process-wide random state shared by all worker threads.
   */
  private dither(samples: Int16Array): void {
    let state = this.ditherState;
    for (let index = 0; index < samples.length; index++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = (state & 1) - ((state >>> 1) & 1);
      const value = samples[index] + noise;
      samples[index] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
    }
    this.ditherState = state;
  }
}
