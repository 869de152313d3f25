import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { CallEndReason, Speaker } from '@tnt/protocol';
import { CallSessionService, type CallLossReason, type StartCallInput } from '@tnt/server/feature-sessions';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';
import {
  LATENCY_BUCKETS_SECONDS,
  METRICS,
  ReadinessChecks,
  type CounterMetric,
  type HistogramMetric,
  type MetricsRegistry,
} from '@tnt/server/util-metrics';
import { EngineUnavailable, ShuttingDown } from './call-start-errors';
import { LiveCall } from './live-call';
import { SpeechCapacityMonitor } from './speech-capacity-monitor';
import { TranscriptPipeline } from './transcript-pipeline';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

/** A call to start and the audio it will carry. */
export interface LiveCallStart extends StartCallInput {
  /** One engine stream is opened for each. */
  readonly speakers: readonly Speaker[];
  /** Sample rate of the PCM every speaker's audio arrives at. */
  readonly sampleRate: number;
}

/** An error's stack, followed by its cause's when it has one, for the log. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.stack ?? error.message;
  return error.cause === undefined ? own : `${own}\ncaused by: ${describeFailure(error.cause)}`;
}

/**
 * Owns the transcription of live calls: starts the engine, opens a {@link LiveCall} per call and
 * flushes them all on shutdown.
 */
@Injectable()
export class TranscriptionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TranscriptionService.name);
  private readonly liveCalls = new Map<string, LiveCall>();
  private accepting = true;
  private engineStarted = false;
  private readonly speechToTextLatency: HistogramMetric;
  private readonly streamFailures: CounterMetric;

  constructor(
    @Inject(TRANSCRIPTION_ENGINE) private readonly engine: TranscriptionEngine,
    private readonly sessions: CallSessionService,
    private readonly pipeline: TranscriptPipeline,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    readiness: ReadinessChecks,
    private readonly capacity: SpeechCapacityMonitor,
  ) {
    metrics.gauge({ name: 'tnt_active_calls', help: 'Calls being transcribed now', sample: () => this.liveCallCount });
    this.speechToTextLatency = metrics.histogram({
      name: 'tnt_stt_latency_seconds',
      help: 'Arrival of the audio of a final segment last word until the engine produced the final',
      buckets: LATENCY_BUCKETS_SECONDS,
    });
    this.streamFailures = metrics.counter({
      name: 'tnt_engine_stream_failures_total',
      help: 'Speech-to-text streams that failed mid-call, by engine and error code',
      labelNames: ['engine', 'code'],
    });
    readiness.register('engine', () => this.isReady);
    sessions.onCallLost((callId) => this.liveCalls.get(callId)?.markLost());
  }

  async onModuleInit(): Promise<void> {
    await this.engine.start();
    this.engineStarted = true;
    const label = this.engine.simulated ? ' (SIMULATION: scripted text, not speech recognition)' : '';
    this.logger.log(`speech-to-text engine: ${this.engine.name}${label}`);
  }

  /** True once the engine has started and while it takes calls. */
  get isReady(): boolean {
    return this.engineStarted && this.accepting;
  }

  /** The engine in use. */
  get engineName(): string {
    return this.engine.name;
  }

  /** True when the engine is the scripted simulation rather than speech recognition. */
  get isSimulated(): boolean {
    return this.engine.simulated;
  }

  /** Sample rates the engine takes without resampling, preferred first. */
  get engineSampleRates(): readonly number[] {
    return this.engine.sampleRates;
  }

  /** False once shutdown has begun: no new call is taken. */
  get isAccepting(): boolean {
    return this.accepting;
  }

  /**
   * Starts a call and opens one engine stream per speaker, as one step: afterwards the call is
   * stored, announced and every stream is open, or the call is not active anywhere. Throws
   * {@link ShuttingDown}, `AtCapacity`, `CallConflict` or `StoreUnavailable` when nothing was started (or, for
   * ShuttingDown, the call was ended at once as `shutdown` when shutdown began while it was stored), and
   * {@link EngineUnavailable} when a stream could not be opened (the call was then ended with
   * reason `engine-unavailable`). Returns the handle the call's audio is written to.
   */
  async startCall(start: LiveCallStart): Promise<LiveCall> {
    if (!this.accepting) throw new ShuttingDown();
    this.capacity.admit(start.id, start.speakers.length);
    const { speakers, sampleRate, ...details } = start;
    const call = await this.sessions.startCall(details);
    // Shutdown began while the call was being stored: `endAll` did not see it, so it is ended here.
    if (!this.accepting) {
      await this.endStartedDuringShutdown(call.id);
      throw new ShuttingDown();
    }
    const continuedAfterSeq = this.sessions.continuedAfterSeq(call.id);
    const live = new LiveCall(call, {
      sessions: this.sessions,
      segmentIdScope: continuedAfterSeq === 0 ? '' : `r${continuedAfterSeq}-`,
      engine: this.engine,
      pipeline: this.pipeline,
      language: this.config.language,
      onFinalLatency: (latencyMs) => this.speechToTextLatency.observe(latencyMs / 1000),
      onStreamFailure: (_speaker, error) => {
        const code = (error as { code?: unknown }).code;
        this.streamFailures.inc({ engine: this.engine.name, code: typeof code === 'string' ? code : error.name });
      },
    });
    try {
      for (const speaker of speakers) live.openSpeaker(speaker, sampleRate);
    } catch (error) {
      await this.abandonStart(live, error);
      throw error;
    }
    this.liveCalls.set(live.call.id, live);
    return live;
  }

  /**
   * Tells `handler` the id of each live call this instance stops feeding (another instance took it over,
   * or it was ended because its events could not be stored): its audio connection here must close.
   */
  onCallLost(handler: (callId: string, reason: CallLossReason) => void): () => void {
    return this.sessions.onCallLost(handler);
  }

  /** Ends one live call: flushes its streams, then ends its session. */
  async endCall(live: LiveCall, reason: CallEndReason): Promise<void> {
    try {
      await live.end(reason);
    } finally {
      this.liveCalls.delete(live.call.id);
    }
  }

  /** How many calls are being transcribed. */
  get liveCallCount(): number {
    return this.liveCalls.size;
  }

  /** Stops taking calls and ends every live one; their last finals are published first. */
  async endAll(reason: CallEndReason): Promise<void> {
    this.accepting = false;
    const ending = [...this.liveCalls.values()].map((live) => this.endCall(live, reason));
    await Promise.allSettled(ending);
  }

  /** Ends, as `shutdown`, a call whose start finished after shutdown began; no stream was opened for it. */
  private async endStartedDuringShutdown(callId: string): Promise<void> {
    try {
      await this.sessions.endCall(callId, 'shutdown');
    } catch (error) {
      this.logger.error(`call ${callId}: ending it, started while shutting down, failed: ${describeFailure(error)}`);
    }
  }

  /** Ends a call whose streams could not all be opened, so it is not left active. */
  private async abandonStart(live: LiveCall, failure: unknown): Promise<void> {
    const reason: CallEndReason = failure instanceof EngineUnavailable ? 'engine-unavailable' : 'error';
    this.logger.error(`call ${live.call.id}: ending it as ${reason}, its start failed: ${describeFailure(failure)}`);
    try {
      await live.abandon(reason);
    } catch (endFailure) {
      this.logger.error(`call ${live.call.id}: ending it after its failed start failed too: ${describeFailure(endFailure)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.endAll('shutdown');
    await this.engine.stop();
  }
}
