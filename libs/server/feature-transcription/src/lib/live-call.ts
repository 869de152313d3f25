import { Logger } from '@nestjs/common';
import {
  isInsight,
  type AlertInsight,
  type CallEndReason,
  type CallInfo,
  type Insight,
  type Speaker,
  type TranscriptSegment,
} from '@tnt/protocol';
import type { CallSessionService } from '@tnt/server/feature-sessions';
import { createResampler, type Resampler } from '@tnt/server/util-audio';
import type { EngineSegment, TranscriptionEngine, TranscriptionStream } from '@tnt/server/util-engine';
import { AudioClock } from './audio-clock';
import { EngineUnavailable } from './call-start-errors';
import { SerialQueue } from './serial-queue';
import type { TranscriptPipeline } from './transcript-pipeline';
import type { LiveCallContext } from './transcript-processor';

/** What a live call needs from the transcription side. */
export interface LiveCallDependencies {
  readonly sessions: CallSessionService;
  readonly engine: TranscriptionEngine;
  readonly pipeline: TranscriptPipeline;
  readonly language: string;
  /**
   * Put before the engine's utterance ids in segment ids (`caller-<scope>u1`): empty for a call
   * started here, unique per owner for a call taken over, whose engine counts from the start again.
   */
  readonly segmentIdScope?: string;
  /** Told how long after its audio arrived each final segment came out of the engine. */
  readonly onFinalLatency?: (latencyMs: number) => void;
  /** Told when a speaker's engine stream fails mid-call (counted in `/metrics`). */
  readonly onStreamFailure?: (speaker: Speaker, error: Error) => void;
}

/** The `rule` (and `name`) of the alert a call gets when a speaker's speech-to-text stream fails. */
export const SPEECH_TO_TEXT_FAILED_ALERT = 'speech-to-text-failed';

/**
 * A call whose audio is being transcribed: one engine stream per speaker, segments run through
 * the processor pipeline in order and published to the call's session.
 */
export class LiveCall {
  private readonly logger = new Logger(LiveCall.name);
  private readonly streams = new Map<Speaker, TranscriptionStream>();
  /** Per speaker, when the input rate is not one the engine takes. */
  private readonly resamplers = new Map<Speaker, Resampler>();
  private readonly publishing: SerialQueue;
  private ending: Promise<CallInfo> | undefined;
  private readonly clocks = new Map<Speaker, AudioClock>();
  /**
   * Set when the call's start failed part-way (its session has ended) or another instance took the
   * call over (its session is not this instance's any more): its streams' output is dropped.
   */
  private abandoned = false;
  private lostToAnotherInstance = false;
  /** Set once the call's `ended` is being published: an insight raised later would follow it, and is dropped. */
  private closed = false;
  private streamFailures = 0;
  /** What the processors' call hooks are given; its `raiseInsight` publishes in turn with the segments. */
  private readonly liveContext: LiveCallContext;

  constructor(
    private current: CallInfo,
    private readonly deps: LiveCallDependencies,
  ) {
    this.publishing = new SerialQueue((error) => {
      // A call this instance stopped feeding (moved, or ended for want of a store) was logged by the sessions already.
      if (!this.lostToAnotherInstance) this.logger.error(`call ${current.id}: publishing a segment failed: ${String(error)}`);
    });
    const callNow = (): CallInfo => this.current;
    this.liveContext = {
      get call() {
        return callNow();
      },
      raiseInsight: (insight) => this.raiseLater(insight),
    };
    // Queued first, so every processor hears of the call before its first segment.
    if (!deps.pipeline.isEmpty) this.publishing.push(() => deps.pipeline.callStarted(this.liveContext));
  }

  /** The call as it was when it started or was last updated through this object. */
  get call(): CallInfo {
    return this.current;
  }

  /** True once `end` has been called. */
  get isEnding(): boolean {
    return this.ending !== undefined;
  }

  /**
   * Opens the engine stream of `speaker` for PCM at `sampleRate` (`TranscriptionService.startCall`
   * opens every speaker of a new call). A rate the engine does not take is resampled to the
   * engine's preferred rate (linear up, windowed-sinc down); a rate no resampler handles throws an
   * error naming it, and an engine that cannot open the stream throws {@link EngineUnavailable}.
   */
  openSpeaker(speaker: Speaker, sampleRate: number): void {
    if (this.streams.has(speaker)) throw new Error(`call ${this.current.id}: ${speaker} stream is already open`);
    let engineRate = sampleRate;
    if (!this.deps.engine.sampleRates.includes(sampleRate)) {
      engineRate = this.deps.engine.sampleRates[0];
      this.resamplers.set(speaker, createResampler(sampleRate, engineRate));
    }
    let stream: TranscriptionStream;
    try {
      stream = this.deps.engine.open(
        { callId: this.current.id, speaker, sampleRate: engineRate, language: this.deps.language, capturedSampleRate: sampleRate },
        {
          onSegment: (segment) => this.accept(speaker, segment),
          onError: (error) => this.streamFailed(speaker, error),
        },
      );
    } catch (error) {
      this.resamplers.delete(speaker);
      throw new EngineUnavailable(this.current.id, speaker, { cause: error });
    }
    this.streams.set(speaker, stream);
    this.clocks.set(speaker, new AudioClock(sampleRate));
  }

  /** True when `speaker` has an open stream. */
  hasSpeaker(speaker: Speaker): boolean {
    return this.streams.has(speaker);
  }

  /** Hands one chunk of a speaker's PCM to the engine. */
  write(speaker: Speaker, pcm: Int16Array): void {
    const stream = this.streams.get(speaker);
    if (!stream) throw new Error(`call ${this.current.id}: no ${speaker} stream is open`);
    if (this.ending) return;
    this.clocks.get(speaker)?.advance(pcm.length);
    const resampler = this.resamplers.get(speaker);
    stream.write(resampler ? resampler.process(pcm) : pcm);
  }

  /** Changes the call's details (e.g. the agent is known only after the call started, the conversation's language changed). */
  async update(changes: Partial<Pick<CallInfo, 'agentId' | 'from' | 'to' | 'language'>>): Promise<void> {
    this.current = await this.deps.sessions.updateCall(this.current.id, changes);
  }

  /** True once another instance took the call over: nothing this object makes reaches anyone. */
  get isLost(): boolean {
    return this.lostToAnotherInstance;
  }

  /**
   * Another instance owns the call now, or the sessions ended it because too many of its events waited
   * for the store: what the streams still make is dropped and `end` closes the streams without ending
   * the session, which is not this object's to end.
   */
  markLost(): void {
    this.lostToAnotherInstance = true;
  }

  /**
   * Flushes every stream (their last finals are published) and then ends the call. Safe to call
   * more than once; later calls wait for the first.
   */
  end(reason: CallEndReason): Promise<CallInfo> {
    this.ending ??= this.finish(reason);
    return this.ending;
  }

  /**
   * Ends a call whose start failed before it took any audio (a later speaker's stream could not be
   * opened): the session ends at once with `reason`, so no board shows the call active, and the
   * streams opened so far are closed in the background with whatever they still emit dropped.
   */
  async abandon(reason: CallEndReason): Promise<CallInfo> {
    if (this.ending) throw new Error(`call ${this.current.id} is already ending`);
    this.abandoned = true;
    for (const [speaker, stream] of this.streams) {
      Promise.resolve()
        .then(() => stream.end())
        .catch((error: unknown) =>
          this.logger.error(`call ${this.current.id}: closing the ${speaker} stream of an abandoned start failed: ${String(error)}`),
        );
    }
    const ended = this.deps.sessions.endCall(this.current.id, reason);
    this.ending = ended;
    this.current = await ended;
    return this.current;
  }

  private async finish(reason: CallEndReason): Promise<CallInfo> {
    const flushes = [...this.streams.entries()].map(async ([speaker, stream]) => {
      try {
        const tail = this.resamplers.get(speaker)?.flush();
        if (tail?.length) stream.write(tail);
        await stream.end();
      } catch (error) {
        this.logger.error(`call ${this.current.id}: flushing the ${speaker} stream failed: ${String(error)}`);
      }
    });
    await Promise.all(flushes);
    if (!this.deps.pipeline.isEmpty && !this.lostToAnotherInstance)
      this.publishing.push(() => this.deps.pipeline.callEnding(this.liveContext));
    await this.publishing.drain();
    if (this.lostToAnotherInstance) return this.current;
    this.closed = true;
    this.current = await this.deps.sessions.endCall(this.current.id, reason);
    return this.current;
  }

  /**
   * A speaker's stream failed mid-call (a cloud engine refused the key or dropped the connection): the
   * failure is logged and counted, and the call gets a critical alert naming the error's code, so
   * boards, history and webhooks show that the rest of this speaker's words are missing.
   */
  private streamFailed(speaker: Speaker, error: Error): void {
    const code = (error as { code?: unknown }).code;
    this.logger.error(`call ${this.current.id} ${speaker} stream failed: ${error.message}`);
    this.deps.onStreamFailure?.(speaker, error);
    // Raised while the call is ending too (its last words may be missing); raiseLater drops it once the call ended.
    if (this.abandoned || this.lostToAnotherInstance) return;
    const alert: AlertInsight = {
      kind: 'alert',
      id: `${speaker}:${SPEECH_TO_TEXT_FAILED_ALERT}:${this.streamFailures++}`,
      timestamp: new Date().toISOString(),
      speaker,
      rule: SPEECH_TO_TEXT_FAILED_ALERT,
      name: SPEECH_TO_TEXT_FAILED_ALERT,
      severity: 'critical',
      matched: typeof code === 'string' ? code : error.name,
    };
    this.raiseLater(alert);
  }

  /** An insight raised outside a segment (see {@link LiveCallContext}): published in turn, or dropped once the call ended. */
  private raiseLater(insight: Insight): void {
    if (!isInsight(insight)) throw new TypeError(`an insight needs a kind, an id and a timestamp; got ${JSON.stringify(insight)}`);
    if (this.closed || this.abandoned || this.lostToAnotherInstance) {
      this.logger.warn(`call ${this.current.id}: insight ${insight.kind} ${insight.id} raised after the call ended here; dropped`);
      return;
    }
    this.publishing.push(() => this.deps.sessions.publishInsight(this.current.id, insight));
  }

  private accept(speaker: Speaker, engineSegment: EngineSegment): void {
    if (this.abandoned || this.lostToAnotherInstance) return;
    const producedAt = performance.now();
    if (engineSegment.isFinal && this.deps.onFinalLatency) {
      const heardAt = this.clocks.get(speaker)?.wallTimeOf(engineSegment.endMs);
      if (heardAt !== undefined) this.deps.onFinalLatency(producedAt - heardAt);
    }
    const segment: TranscriptSegment = {
      id: `${speaker}-${this.deps.segmentIdScope ?? ''}${engineSegment.id}`,
      text: engineSegment.text,
      speaker,
      confidence: engineSegment.confidence,
      timestamp: new Date().toISOString(),
      isFinal: engineSegment.isFinal,
      startMs: Math.round(engineSegment.startMs),
      endMs: Math.round(engineSegment.endMs),
      engine: this.deps.engine.name,
      simulated: this.deps.engine.simulated,
    };
    this.publishing.push(async () => {
      if (this.deps.pipeline.isEmpty) return this.deps.sessions.publishTranscript(this.current.id, segment, producedAt);
      const insights: Insight[] = [];
      const raiseInsight = (insight: Insight): void => {
        if (!isInsight(insight)) throw new TypeError(`an insight needs a kind, an id and a timestamp; got ${JSON.stringify(insight)}`);
        insights.push(insight);
      };
      const processed = await this.deps.pipeline.run(segment, { call: this.current, raiseInsight });
      if (processed) await this.deps.sessions.publishTranscript(this.current.id, processed, producedAt);
      for (const insight of insights) await this.deps.sessions.publishInsight(this.current.id, insight);
    });
  }
}
