import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { TNT_CONFIG, type SpeechCapacityConfig, type TntConfig } from '@tnt/server/util-config';
import type { EngineLoad, TranscriptionEngine } from '@tnt/server/util-engine';
import { METRICS, ReadinessChecks, type CounterMetric, type MetricsRegistry, type NotReady } from '@tnt/server/util-metrics';
import { AtCapacity } from './call-start-errors';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

/** Monotonic milliseconds, as the capacity monitor reads them; tests step their own. */
export interface MonotonicClock {
  now(): number;
}

/** Injection token of the {@link MonotonicClock} of the {@link SpeechCapacityMonitor}. */
export const CAPACITY_CLOCK = Symbol('CAPACITY_CLOCK');

/** `performance.now()`. */
export const PERFORMANCE_CLOCK: MonotonicClock = { now: () => performance.now() };

/** Where speech-to-text stands against its measured capacity. */
export interface CapacityVerdict {
  readonly atCapacity: boolean;
  /** Which limit is reached, e.g. `decoding backlog 3.2 s, limit 1 s`; null below capacity. */
  readonly detail: string | null;
  /** The decoding backlog now, seconds. */
  readonly backlogSeconds: number;
  /** The decoding load with one more two-speaker call (1 = every core decoding in real time); null while unknown. */
  readonly loadWithOneMoreCall: number | null;
}

/** Streams of the call the readiness check and the verdict's projection assume: a caller and an agent. */
const TWO_PARTY_STREAMS = 2;
/** How often the backlog is sampled (and an overload episode noticed to be over). */
const SAMPLE_INTERVAL_MS = 250;

/**
 * Decides from measurement whether this instance can take one more call: refused when the engine's
 * decoding backlog has stayed above its limit for the configured window (it is already behind),
 * or when one more call would bring the decoding load — open streams × the measured real-time factor
 * ÷ cores — above its limit (it would fall behind); near the limit it takes one new call per window.
 * Reports the verdict (without the pacing) to `/readyz`, so a load
 * balancer stops sending calls, and logs each overload episode once, with what to do.
 */
@Injectable()
export class SpeechCapacityMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SpeechCapacity');
  private readonly limits: SpeechCapacityConfig;
  /** When the backlog last went over its limit without coming back under since; null while under it. */
  private behindSince: number | null = null;
  private readonly refusals: CounterMetric;
  private episode: { readonly startedAt: number; refused: number } | null = null;
  /** When the last call was taken; null before the first. */
  private lastAdmittedAt: number | null = null;
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    @Inject(TRANSCRIPTION_ENGINE) private readonly engine: TranscriptionEngine,
    @Inject(TNT_CONFIG) config: TntConfig,
    @Inject(CAPACITY_CLOCK) private readonly clock: MonotonicClock,
    @Inject(METRICS) metrics: MetricsRegistry,
    readiness: ReadinessChecks,
  ) {
    this.limits = config.speechCapacity;
    this.refusals = metrics.counter({
      name: 'tnt_calls_refused_total',
      help: 'New calls refused at their start, by reason',
      labelNames: ['reason'],
    });
    metrics.gauge({
      name: 'tnt_stt_backlog_seconds',
      help: 'Audio queued for decoding and not decoded yet, on the most loaded decoding thread (engine measurement)',
      sample: () => this.measure()?.backlogSeconds ?? 0,
    });
    metrics.gauge({
      name: 'tnt_stt_real_time_factor',
      help: 'Decoding time per second of audio of one stream, recent average (engine measurement; NaN while unknown)',
      sample: () => this.measure()?.realTimeFactor ?? Number.NaN,
    });
    metrics.gauge({
      name: 'tnt_stt_load',
      help: 'Open streams x real-time factor / cores: 1 means every core decodes in real time (NaN while unknown)',
      sample: () => loadOf(this.measure(), 0, this.limits.cores) ?? Number.NaN,
    });
    metrics.gauge({
      name: 'tnt_stt_at_capacity',
      help: '1 while new calls are refused for capacity',
      sample: () => (this.isRefusing() ? 1 : 0),
    });
    readiness.register('speech-capacity', () => this.readiness());
  }

  onModuleInit(): void {
    this.sampler = setInterval(() => this.assess(), SAMPLE_INTERVAL_MS);
    this.sampler.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sampler);
  }

  /**
   * Throws {@link AtCapacity} (and counts the refusal) when this instance cannot take a call of
   * `streams` speakers now. Calls already taken are never affected.
   */
  admit(callId: string | undefined, streams: number): void {
    if (!this.limits.refuseCalls) return;
    const verdict = this.assess(streams);
    const detail = verdict.detail ?? this.pacing(verdict);
    if (detail === null) {
      this.lastAdmittedAt = this.clock.now();
      return;
    }
    this.refusals.inc({ reason: 'at-capacity' });
    if (this.episode) {
      this.episode.refused++;
    } else {
      this.episode = { startedAt: this.clock.now(), refused: 1 };
      this.logger.warn({
        msg:
          `refusing new calls: speech-to-text is at capacity (${detail}), first refused call ${callId ?? '(no id)'}. ` +
          'Calls already taken continue; new ones are closed with 1013 INGEST_AT_CAPACITY and /readyz answers 503 until it recovers ' +
          '(logged once per episode; count in tnt_calls_refused_total). Send calls to other instances, add instances, ' +
          'or raise TNT_CAPACITY_MAX_LOAD / TNT_CAPACITY_MAX_BACKLOG_MS if later transcripts are acceptable.',
        detail,
      });
    }
    throw new AtCapacity(detail);
  }

  /**
   * Samples the engine and judges whether a call of `streams` speakers would be too many; ends an
   * overload episode (logging how many calls it refused) once the answer is no.
   */
  assess(streams = TWO_PARTY_STREAMS): CapacityVerdict {
    const now = this.clock.now();
    const load = this.measure();
    if (!load) return { atCapacity: false, detail: null, backlogSeconds: 0, loadWithOneMoreCall: null };
    const backlogSeconds = load.backlogSeconds;
    const maxBacklogSeconds = this.limits.maxBacklogMs / 1000;
    // A burst of speech queues audio for a moment; only a backlog over the limit for the whole window
    // means decoding has fallen behind, and it stops counting the moment the backlog is back under.
    if (backlogSeconds <= maxBacklogSeconds) this.behindSince = null;
    else this.behindSince ??= now;
    const behindForMs = this.behindSince === null ? 0 : now - this.behindSince;
    const loadWithOneMoreCall = loadOf(load, streams, this.limits.cores);
    let detail: string | null = null;
    if (behindForMs >= this.limits.windowMs) {
      const behindFor = (behindForMs / 1000).toFixed(1);
      detail = `decoding backlog ${backlogSeconds.toFixed(1)} s, over the ${maxBacklogSeconds} s limit for ${behindFor} s`;
    } else if (loadWithOneMoreCall !== null && loadWithOneMoreCall > this.limits.maxLoad) {
      detail = `one more call would load decoding to ${percent(loadWithOneMoreCall)} of real time, limit ${percent(this.limits.maxLoad)}`;
    }
    if (detail === null && this.episode) this.endEpisode(now);
    return { atCapacity: detail !== null, detail, backlogSeconds, loadWithOneMoreCall };
  }

  /**
   * Near the limit (a projected load over half of it), at most one call is taken per window: the
   * real-time factor was measured with fewer streams sharing the cores and grows as more do, so each
   * new call's cost is measured before the next is taken. Null when the call may be taken now.
   */
  private pacing(verdict: CapacityVerdict): string | null {
    const load = verdict.loadWithOneMoreCall;
    if (load === null || load <= this.limits.maxLoad / 2 || this.lastAdmittedAt === null) return null;
    const sinceLastMs = this.clock.now() - this.lastAdmittedAt;
    if (sinceLastMs >= this.limits.windowMs) return null;
    return `near capacity (${percent(load)} of real time with one more call): one new call per ${this.limits.windowMs / 1000} s`;
  }

  private readiness(): boolean | NotReady {
    if (!this.limits.refuseCalls) return true;
    const { detail } = this.assess();
    return detail === null ? true : { reason: `at capacity: ${detail}` };
  }

  private isRefusing(): boolean {
    return this.limits.refuseCalls && this.assess().atCapacity;
  }

  private measure(): EngineLoad | null {
    return this.engine.measureLoad?.() ?? null;
  }

  private endEpisode(now: number): void {
    const { startedAt, refused } = this.episode ?? { startedAt: now, refused: 0 };
    this.episode = null;
    this.logger.log({
      msg: `speech-to-text has capacity again: ${refused} call(s) refused over ${((now - startedAt) / 1000).toFixed(1)} s`,
      refused,
    });
  }
}

/**
 * The decoding load with `extraStreams` more streams open, over the configured cores or else the
 * engine's; null while the real-time factor is unknown, and for a projection from an idle engine: its
 * factor was measured under whatever load there was when it last decoded, and only a call it takes
 * can measure it again, so an idle instance always takes a call.
 */
function loadOf(load: EngineLoad | null, extraStreams: number, cores: number | null): number | null {
  if (!load || load.realTimeFactor === null) return null;
  if (extraStreams > 0 && load.openStreams === 0) return null;
  return ((load.openStreams + extraStreams) * load.realTimeFactor) / (cores ?? load.parallelism);
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
