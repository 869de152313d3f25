import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AlertInsight, Insight, TalkMetricsInsight, TranscriptSegment } from '@tnt/protocol';
import {
  ProcessesTranscripts,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
} from '@tnt/server/feature-transcription';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import type { TalkTimer } from './talk-clock';
import { TALK_METRICS_OPTIONS, type TalkMetricsOptions } from './talk-metrics-options';
import { EMPTY_TIMELINE, hearSegment, readTalk, type TalkTimeline } from './talk-timeline';

/** The name (and rule) of the alert raised when nobody has been heard for the configured time. */
export const LONG_SILENCE_ALERT = 'long-silence';

/** What is kept of one live call: its timeline and the two timers (next reading, silence alert). */
class FollowedCall {
  timeline: TalkTimeline = EMPTY_TIMELINE;
  live: LiveCallContext | undefined;
  readings = 0;
  lastReadingAt = -Infinity;
  readingTimer: TalkTimer | undefined;
  /** When anyone was last heard (or the call started), on the clock. */
  heardAt: number;
  silenceTimer: TalkTimer | undefined;
  silenceAlerted = false;
  silences = 0;

  constructor(
    readonly id: string,
    now: number,
  ) {
    this.heardAt = now;
  }
}

/**
 * Talk metrics: every interim and final updates the call's talk timeline (audio time of each
 * speaker, from the segments' `startMs`/`endMs`), and a `metrics` insight with the reading is
 * published at most every `intervalMs` — right after the segment when the interval has passed,
 * otherwise from a timer when it has. The call's closing reading (`final: true`) is published
 * right before `ended`, so the stored call keeps it. While nobody is heard for `silenceAlertMs`
 * (on the clock: a live call's audio runs in real time) a `long-silence` alert is raised, once per
 * silence. It runs last (order 300), after the alerts of the segment.
 */
@Injectable()
@ProcessesTranscripts({ order: 300 })
export class TalkMetricsProcessor implements TranscriptProcessor, OnModuleDestroy {
  private readonly logger = new Logger('TalkMetrics');
  private readonly calls = new Map<string, FollowedCall>();
  private readonly failures: CounterMetric;

  constructor(
    @Inject(TALK_METRICS_OPTIONS) private readonly options: TalkMetricsOptions,
    @Inject(METRICS) metrics: MetricsRegistry,
  ) {
    this.failures = metrics.counter({
      name: 'tnt_talk_metrics_failures_total',
      help: 'Talk-metrics readings or silence alerts that could not be raised from a timer',
    });
  }

  callStarted(context: LiveCallContext): void {
    const call = this.follow(context.call.id);
    call.live = context;
    this.armSilenceAlert(call);
  }

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    const call = this.follow(context.call.id);
    call.timeline = hearSegment(call.timeline, segment);
    call.heardAt = this.options.clock.now();
    call.silenceAlerted = false;
    this.armSilenceAlert(call);
    this.readSoon(call, context);
    return segment;
  }

  callEnding(context: LiveCallContext): void {
    const call = this.calls.get(context.call.id) ?? new FollowedCall(context.call.id, this.options.clock.now());
    this.forget(call);
    context.raiseInsight(this.reading(call, true));
  }

  onModuleDestroy(): void {
    for (const call of [...this.calls.values()]) this.forget(call);
  }

  /** Calls followed now (for tests and a reader of the code: nothing outlives its call). */
  get followedCalls(): number {
    return this.calls.size;
  }

  private follow(callId: string): FollowedCall {
    const known = this.calls.get(callId);
    if (known) {
      // Map order is recency: the first entry is the call heard from least recently.
      this.calls.delete(callId);
      this.calls.set(callId, known);
      return known;
    }
    if (this.calls.size >= this.options.maxCalls) {
      const oldest = this.calls.values().next().value as FollowedCall;
      this.logger.warn(`following ${this.options.maxCalls} calls already; call ${oldest.id} is forgotten and gets no more readings`);
      this.forget(oldest);
    }
    const call = new FollowedCall(callId, this.options.clock.now());
    this.calls.set(callId, call);
    return call;
  }

  private forget(call: FollowedCall): void {
    const { clock } = this.options;
    if (call.readingTimer !== undefined) clock.clearTimeout(call.readingTimer);
    if (call.silenceTimer !== undefined) clock.clearTimeout(call.silenceTimer);
    call.readingTimer = call.silenceTimer = undefined;
    this.calls.delete(call.id);
  }

  /** Publishes a reading now when the interval has passed since the last, else once it has. */
  private readSoon(call: FollowedCall, context: TranscriptContext): void {
    const waitMs = call.lastReadingAt + this.options.intervalMs - this.options.clock.now();
    if (waitMs <= 0) {
      // A timer still pending (its callback late on a busy event loop) would read again within the interval.
      if (call.readingTimer !== undefined) this.options.clock.clearTimeout(call.readingTimer);
      call.readingTimer = undefined;
      context.raiseInsight(this.reading(call, false));
      return;
    }
    if (call.readingTimer !== undefined || !call.live) return;
    const live = call.live;
    const readWhenDue = (): void => {
      call.readingTimer = undefined;
      // Node measures a timer from the start of the event loop's turn that set it, so on a busy loop
      // it may run before the interval has passed by the clock readings are stamped with: wait out the rest.
      const earlyByMs = call.lastReadingAt + this.options.intervalMs - this.options.clock.now();
      if (earlyByMs > 0) {
        call.readingTimer = this.options.clock.setTimeout(readWhenDue, earlyByMs);
        return;
      }
      this.raiseFromTimer(call, live, this.reading(call, false));
    };
    call.readingTimer = this.options.clock.setTimeout(readWhenDue, waitMs);
  }

  private reading(call: FollowedCall, final: boolean): TalkMetricsInsight {
    const now = this.options.clock.now();
    call.lastReadingAt = now;
    return {
      kind: 'metrics',
      id: final ? 'talk-metrics-final' : `talk-metrics-${++call.readings}`,
      timestamp: new Date(now).toISOString(),
      ...readTalk(call.timeline),
      ...(final ? { final: true as const } : {}),
    };
  }

  /**
   * Sets the silence timer unless one is set: when it fires it looks at when anyone was last heard,
   * and either raises the alert or waits for the rest of the time (cheaper than a new timer per segment).
   */
  private armSilenceAlert(call: FollowedCall): void {
    const { silenceAlertMs, clock } = this.options;
    if (silenceAlertMs <= 0 || call.silenceTimer !== undefined || call.silenceAlerted || !call.live) return;
    const live = call.live;
    const check = (): void => {
      call.silenceTimer = undefined;
      const quietMs = clock.now() - call.heardAt;
      if (quietMs < silenceAlertMs) {
        call.silenceTimer = clock.setTimeout(check, silenceAlertMs - quietMs);
        return;
      }
      // Not set again until someone is heard: one alert per silence.
      call.silenceAlerted = true;
      this.raiseFromTimer(call, live, this.silenceAlert(call));
    };
    call.silenceTimer = clock.setTimeout(check, silenceAlertMs - (clock.now() - call.heardAt));
  }

  private silenceAlert(call: FollowedCall): AlertInsight & { silentFromMs: number } {
    const seconds = Math.round(this.options.silenceAlertMs / 100) / 10;
    return {
      kind: 'alert',
      id: `${LONG_SILENCE_ALERT}-${++call.silences}`,
      timestamp: new Date(this.options.clock.now()).toISOString(),
      rule: LONG_SILENCE_ALERT,
      name: LONG_SILENCE_ALERT,
      severity: 'warning',
      matched: `nobody spoke for ${seconds} s`,
      silentFromMs: call.timeline.heardToMs,
    };
  }

  private raiseFromTimer(call: FollowedCall, live: LiveCallContext, insight: Insight): void {
    try {
      live.raiseInsight(insight);
    } catch (error) {
      this.failures.inc();
      this.logger.error(
        `could not raise ${insight.kind} insight ${insight.id} of call ${call.id}: ${String(error)}. ` +
          'It is a bug in the talk-metrics module; the call goes on and the next reading is tried as usual.',
      );
    }
  }
}
