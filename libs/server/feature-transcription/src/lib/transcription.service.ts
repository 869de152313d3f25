import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { CallEndReason } from '@tnt/protocol';
import { CallSessionService, type StartCallInput } from '@tnt/server/feature-sessions';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';
import { LATENCY_BUCKETS_SECONDS, METRICS, ReadinessChecks, type HistogramMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { LiveCall } from './live-call';
import { TranscriptPipeline } from './transcript-pipeline';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

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

  constructor(
    @Inject(TRANSCRIPTION_ENGINE) private readonly engine: TranscriptionEngine,
    private readonly sessions: CallSessionService,
    private readonly pipeline: TranscriptPipeline,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    readiness: ReadinessChecks,
  ) {
    metrics.gauge({ name: 'tnt_active_calls', help: 'Calls being transcribed now', sample: () => this.liveCallCount });
    this.speechToTextLatency = metrics.histogram({
      name: 'tnt_stt_latency_seconds',
      help: 'Arrival of the audio of a final segment last word until the engine produced the final',
      buckets: LATENCY_BUCKETS_SECONDS,
    });
    readiness.register('engine', () => this.isReady);
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

  /** Starts a call and returns the handle its audio is written to; refused during shutdown. */
  startCall(input: StartCallInput): LiveCall {
    if (!this.accepting) throw new Error('the gateway is shutting down and takes no new calls');
    const call = this.sessions.startCall(input);
    const live = new LiveCall(call, {
      sessions: this.sessions,
      engine: this.engine,
      pipeline: this.pipeline,
      language: this.config.language,
      onFinalLatency: (latencyMs) => this.speechToTextLatency.observe(latencyMs / 1000),
    });
    this.liveCalls.set(call.id, live);
    return live;
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

  async onApplicationShutdown(): Promise<void> {
    await this.endAll('shutdown');
    await this.engine.stop();
  }
}
