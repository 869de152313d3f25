import type { Speaker } from '@tnt/protocol';

/** What a stream transcribes: one speaker of one call. */
export interface EngineStreamOptions {
  /** The call this audio belongs to (for logs and engine-side context). */
  readonly callId: string;
  /** Whose voice the stream carries. */
  readonly speaker: Speaker;
  /** Sample rate of the PCM written to the stream; always one of the engine's `sampleRates`. */
  readonly sampleRate: number;
  /** BCP-47 language tag, e.g. `en-US`. */
  readonly language: string;
  /**
   * The rate the audio was captured at, when it was resampled to `sampleRate` on its way in
   * (telephone audio: 8000). An engine may tune itself to that bandwidth; absent means `sampleRate`.
   */
  readonly capturedSampleRate?: number;
}

/**
 * One hypothesis from an engine. Interim hypotheses (`isFinal: false`) carry the `id` of the
 * final segment that will replace them; ids are unique within one stream.
 */
export interface EngineSegment {
  readonly id: string;
  readonly text: string;
  readonly isFinal: boolean;
  /** 0..1, the engine's own estimate. */
  readonly confidence: number;
  /** Offset of the first word from the start of the stream's audio, in milliseconds. */
  readonly startMs: number;
  /** Offset of the end of the last word from the start of the stream's audio, in milliseconds. */
  readonly endMs: number;
}

/** Where a stream delivers what it hears. Both callbacks may be called from any tick. */
export interface EngineStreamListener {
  onSegment(segment: EngineSegment): void;
  /** A stream-level failure; the stream is unusable afterwards. */
  onError(error: Error): void;
}

/** A live transcription of one speaker. */
export interface TranscriptionStream {
  /** Queues 16-bit little-endian mono PCM at the stream's sample rate; any length, never blocks. */
  write(pcm: Int16Array): void;
  /** Flushes buffered audio, emits the last final segment(s) and resolves when the stream is done. */
  end(): Promise<void>;
}

/**
 * How busy an engine's decoding is, as the engine measured it. Capacity decisions (refuse a new
 * call, report not ready) are made from these figures, not from a fixed number of calls.
 */
export interface EngineLoad {
  /**
   * Audio written to open streams and not decoded yet, in seconds, on the decoding thread that is
   * furthest behind (0 when every thread keeps up). It grows without bound once the engine cannot
   * keep up with real time.
   */
  readonly backlogSeconds: number;
  /**
   * Seconds of decoding work per second of audio of one stream (the real-time factor), averaged
   * over the engine's recent work; `null` before any audio was decoded.
   */
  readonly realTimeFactor: number | null;
  /** Streams open now. */
  readonly openStreams: number;
  /** How many streams can decode at the same instant (the cores the decoding threads share). */
  readonly parallelism: number;
}

/** The files of a language model for a recogniser: the n-gram model and its pronunciation dictionary. */
export interface LanguageModelFiles {
  readonly languageModelPath: string;
  readonly dictionaryPath: string;
}

/**
 * A speech-to-text engine. Implementations: the embedded pocketsphinx engine (default), the
 * scripted simulation for tests and load tools, and later cloud engines.
 */
export interface TranscriptionEngine {
  /** Stable engine name, e.g. `pocketsphinx`; appears in segment metadata. */
  readonly name: string;
  /** True for engines that invent text instead of hearing it (the scripted simulation). */
  readonly simulated: boolean;
  /** Sample rates the engine accepts, preferred first; callers resample anything else to the first. */
  readonly sampleRates: readonly number[];
  /** Loads models and starts workers; rejects with an actionable message when something is missing. */
  start(): Promise<void>;
  /** Opens a stream for one speaker of one call. */
  open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream;
  /** Ends every open stream's work and releases the engine's resources. */
  stop(): Promise<void>;
  /**
   * What the engine's decoding costs right now. Engines that cannot measure it (a remote engine
   * with its own scaling) leave it out, and the server then never refuses a call for capacity.
   */
  measureLoad?(): EngineLoad;
  /**
   * Decodes streams opened from now on with `model`; streams already open keep theirs. Rejects,
   * leaving the model in use unchanged, when `model` cannot be loaded. Engines whose language
   * model cannot be changed leave it out.
   */
  useLanguageModel?(model: LanguageModelFiles): Promise<void>;
}
