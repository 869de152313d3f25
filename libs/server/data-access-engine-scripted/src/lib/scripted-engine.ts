import type {
  EngineLoad,
  EngineSegment,
  EngineStreamListener,
  EngineStreamOptions,
  TranscriptionEngine,
  TranscriptionStream,
} from '@tnt/server/util-engine';
import { SCRIPTED_CONVERSATIONS, type ScriptedTurn } from './scripted-conversations';
import { DEFAULT_PACING, speakerTimeline, type ScriptedPacing, type TimedSegment } from './scripted-timeline';
import { SimulatedDecodingLoad } from './simulated-decoding-load';

/** Picks the same conversation for the same call id, so both speakers of a call agree. */
export function conversationFor(callId: string): readonly ScriptedTurn[] {
  let hash = 0;
  for (let index = 0; index < callId.length; index++) hash = (hash * 31 + callId.charCodeAt(index)) >>> 0;
  return SCRIPTED_CONVERSATIONS[hash % SCRIPTED_CONVERSATIONS.length];
}

/** Plays one speaker's timeline as the stream's audio clock advances. */
class ScriptedStream implements TranscriptionStream {
  private audioMs = 0;
  private next = 0;
  private ended = false;

  constructor(
    private readonly timeline: readonly TimedSegment[],
    private readonly sampleRate: number,
    private readonly listener: EngineStreamListener,
    private readonly load: SimulatedDecodingLoad,
  ) {
    load.streamOpened();
  }

  write(pcm: Int16Array): void {
    if (this.ended) return;
    this.audioMs += (pcm.length * 1000) / this.sampleRate;
    this.load.audioWritten(pcm.length / this.sampleRate);
    while (this.next < this.timeline.length && this.timeline[this.next].atMs <= this.audioMs) {
      this.listener.onSegment(this.timeline[this.next++].segment);
    }
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.load.streamClosed();
    // An utterance cut off by the end of the audio is finalised with what was "heard" so far.
    const pending = this.timeline[this.next];
    if (pending && this.next > 0 && !pending.segment.isFinal) {
      const lastHeard = this.timeline[this.next - 1].segment;
      if (lastHeard.id === pending.segment.id) this.listener.onSegment(this.finalOf(lastHeard));
    }
  }

  private finalOf(interim: EngineSegment): EngineSegment {
    return { ...interim, isFinal: true, endMs: this.audioMs };
  }
}

/**
 * SIMULATION: an engine that ignores what the audio says and emits a scripted conversation,
 * paced by the audio it is given (silence works). For tests, demos without audio and load tools;
 * every segment it produces is marked `simulated`.
 */
export class ScriptedEngine implements TranscriptionEngine {
  readonly name = 'scripted';
  readonly simulated = true;
  readonly sampleRates: readonly number[] = [16000, 8000, 24000, 48000];

  private readonly load: SimulatedDecodingLoad;

  /**
   * @param simulatedRealTimeFactor SIMULATED decoding cost per second of audio of one stream, on one
   *   simulated thread, reported by {@link measureLoad} so capacity limits can be tested (default 0: free)
   */
  constructor(
    private readonly pacing: ScriptedPacing = DEFAULT_PACING,
    simulatedRealTimeFactor = 0,
  ) {
    this.load = new SimulatedDecodingLoad(simulatedRealTimeFactor);
  }

  async start(): Promise<void> {
    // Nothing to load: the scripts are compiled in.
  }

  open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream {
    const timeline = speakerTimeline(conversationFor(options.callId), options.speaker, this.pacing);
    return new ScriptedStream(timeline, options.sampleRate, listener, this.load);
  }

  /** The SIMULATED decoding load (see {@link SimulatedDecodingLoad}); nothing is measured. */
  measureLoad(): EngineLoad {
    return this.load.measure();
  }

  async stop(): Promise<void> {
    // Streams hold no resources beyond their own timers-free state.
  }
}
