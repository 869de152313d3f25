import { Logger } from '@nestjs/common';
import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { loadConfig } from '@tnt/server/util-config';
import type { EngineLoad, TranscriptionEngine } from '@tnt/server/util-engine';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import { AtCapacity } from './call-start-errors';
import { SpeechCapacityMonitor, type MonotonicClock } from './speech-capacity-monitor';

/** An engine whose measured load the test sets. */
class MeasuredEngine extends ScriptedEngine {
  current: EngineLoad = { backlogSeconds: 0, realTimeFactor: null, openStreams: 0, parallelism: 2 };
  override measureLoad(): EngineLoad {
    return this.current;
  }
}

/** A clock the test steps. */
class SteppedClock implements MonotonicClock {
  private nowMs = 1_000;
  now(): number {
    return this.nowMs;
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

describe('SpeechCapacityMonitor', () => {
  let engine: MeasuredEngine;
  let clock: SteppedClock;
  let metrics: PrometheusMetrics;
  let readiness: ReadinessChecks;
  let warnings: jest.SpyInstance;
  let infos: jest.SpyInstance;

  function monitorWith(env: Record<string, string> = {}, measured: TranscriptionEngine = engine): SpeechCapacityMonitor {
    const config = loadConfig({
      TNT_CAPACITY_MAX_BACKLOG_MS: '1000',
      TNT_CAPACITY_MAX_LOAD: '0.8',
      TNT_CAPACITY_WINDOW_MS: '4000',
      ...env,
    });
    return new SpeechCapacityMonitor(measured, config, clock, metrics, readiness);
  }

  beforeEach(() => {
    engine = new MeasuredEngine();
    clock = new SteppedClock();
    metrics = new PrometheusMetrics();
    readiness = new ReadinessChecks();
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    infos = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('takes calls while the real-time factor is still unknown and nothing is queued', () => {
    const monitor = monitorWith();
    expect(() => monitor.admit('CA-1', 2)).not.toThrow();
    expect(readiness.evaluate()).toEqual({ ready: true, checks: { 'speech-capacity': true } });
  });

  it('refuses a call that would load decoding past the limit, and takes it again once streams end', () => {
    const monitor = monitorWith();
    // 10 streams × 0.12 / 2 cores = 0.6; one more two-speaker call: 12 × 0.12 / 2 = 0.72 ≤ 0.8.
    engine.current = { backlogSeconds: 0, realTimeFactor: 0.12, openStreams: 10, parallelism: 2 };
    expect(() => monitor.admit('CA-6', 2)).not.toThrow();
    // 12 streams: 14 × 0.12 / 2 = 0.84 > 0.8.
    engine.current = { ...engine.current, openStreams: 12 };
    expect(() => monitor.admit('CA-7', 2)).toThrow(AtCapacity);
    expect(() => monitor.admit('CA-7', 2)).toThrow('one more call would load decoding to 84 % of real time, limit 80 %');
    expect(readiness.evaluate()).toEqual({
      ready: false,
      checks: { 'speech-capacity': 'at capacity: one more call would load decoding to 84 % of real time, limit 80 %' },
    });
    engine.current = { ...engine.current, openStreams: 10 };
    clock.advance(4000);
    expect(() => monitor.admit('CA-8', 2)).not.toThrow();
    expect(readiness.evaluate().ready).toBe(true);
  });

  it('judges the load against TNT_CAPACITY_CORES, not every core the engine sees, when instances share a machine', () => {
    // The engine sees 2 cores; three instances on them count two thirds of a core each.
    const monitor = monitorWith({ TNT_CAPACITY_CORES: '0.67' });
    engine.current = { backlogSeconds: 0, realTimeFactor: 0.12, openStreams: 2, parallelism: 2 };
    // One more call: 4 × 0.12 over 0.67 of a core is 0.72 (over the engine's 2 cores it would be 0.24).
    expect(monitor.assess().loadWithOneMoreCall).toBeCloseTo(0.716, 3);
    // 6 × 0.12 / 0.67 = 1.07: refused (over 2 cores, 0.36: taken).
    engine.current = { ...engine.current, openStreams: 4 };
    expect(() => monitor.admit('CA-shared', 2)).toThrow('one more call would load decoding to 107 % of real time, limit 80 %');
  });

  it('refuses once the backlog has stayed over its limit for the whole window, not for one burst, and stops when it drains', () => {
    const monitor = monitorWith();
    engine.current = { backlogSeconds: 0.2, realTimeFactor: 0.05, openStreams: 4, parallelism: 2 };
    monitor.assess();
    // A burst: over the limit for 3 s of the 4 s window, then back under.
    engine.current = { ...engine.current, backlogSeconds: 3 };
    for (let step = 0; step < 6; step++) {
      clock.advance(500);
      expect(() => monitor.admit(`CA-burst-${step}`, 2)).not.toThrow();
    }
    engine.current = { ...engine.current, backlogSeconds: 0.4 };
    clock.advance(500);
    expect(() => monitor.admit('CA-after-burst', 2)).not.toThrow();
    // Behind for the whole window: refused.
    engine.current = { ...engine.current, backlogSeconds: 3 };
    for (let step = 0; step < 9; step++) {
      clock.advance(500);
      monitor.assess();
    }
    expect(() => monitor.admit('CA-behind', 2)).toThrow('decoding backlog 3.0 s, over the 1 s limit for 4.0 s');
    expect(readiness.evaluate().checks['speech-capacity']).toBe('at capacity: decoding backlog 3.0 s, over the 1 s limit for 4.0 s');
    // Drained under the limit: calls are taken and /readyz is ready at once.
    engine.current = { ...engine.current, backlogSeconds: 0.5 };
    clock.advance(250);
    expect(readiness.evaluate().ready).toBe(true);
    expect(() => monitor.admit('CA-after', 2)).not.toThrow();
  });

  it('logs an overload episode once with what to do, counts every refusal, and logs when it is over', async () => {
    const monitor = monitorWith();
    engine.current = { backlogSeconds: 0, realTimeFactor: 0.2, openStreams: 8, parallelism: 2 };
    for (const callId of ['CA-a', 'CA-b', 'CA-c']) expect(() => monitor.admit(callId, 2)).toThrow(AtCapacity);
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warnings.mock.calls[0][0])).toContain('first refused call CA-a');
    expect(JSON.stringify(warnings.mock.calls[0][0])).toContain('Send calls to other instances');
    expect(await metrics.render()).toContain('tnt_calls_refused_total{reason="at-capacity"} 3');
    expect(await metrics.render()).toContain('tnt_stt_at_capacity 1');

    clock.advance(12_000);
    engine.current = { ...engine.current, openStreams: 4 };
    monitor.assess();
    expect(infos).toHaveBeenCalledWith(
      expect.objectContaining({ msg: 'speech-to-text has capacity again: 3 call(s) refused over 12.0 s' }),
    );
    engine.current = { ...engine.current, openStreams: 8 };
    expect(() => monitor.admit('CA-d', 2)).toThrow(AtCapacity);
    expect(warnings).toHaveBeenCalledTimes(2);
  });

  it('takes one new call per window once the load with it would pass half the limit', () => {
    const monitor = monitorWith();
    // 2 open streams × 0.1 / 2 cores: one more call would make 0.2, under half of 0.8.
    engine.current = { backlogSeconds: 0, realTimeFactor: 0.1, openStreams: 2, parallelism: 2 };
    monitor.admit('CA-2', 2);
    engine.current = { ...engine.current, openStreams: 4 };
    monitor.admit('CA-3', 2);
    // 6 streams: one more call would make 0.4, not over half the limit; 8 streams: 0.5, over it.
    engine.current = { ...engine.current, openStreams: 8 };
    clock.advance(1000);
    expect(() => monitor.admit('CA-4', 2)).toThrow('near capacity (50 % of real time with one more call): one new call per 4 s');
    expect(readiness.evaluate().ready).toBe(true);
    clock.advance(3000);
    expect(() => monitor.admit('CA-4', 2)).not.toThrow();
    engine.current = { ...engine.current, openStreams: 10 };
    clock.advance(3999);
    expect(() => monitor.admit('CA-5', 2)).toThrow(AtCapacity);
  });

  it('always takes a call when idle, since a stale real-time factor cannot be measured again without one', () => {
    const monitor = monitorWith();
    // Measured while the machine was short of CPU: one call alone would already be over the limit.
    engine.current = { backlogSeconds: 0, realTimeFactor: 1.9, openStreams: 0, parallelism: 2 };
    expect(() => monitor.admit('CA-first', 2)).not.toThrow();
    expect(readiness.evaluate().ready).toBe(true);
    engine.current = { ...engine.current, openStreams: 2 };
    expect(() => monitor.admit('CA-second', 2)).toThrow(AtCapacity);
  });

  it('exposes the measured backlog, real-time factor and load as gauges', async () => {
    monitorWith();
    engine.current = { backlogSeconds: 0.25, realTimeFactor: 0.1, openStreams: 6, parallelism: 2 };
    const text = await metrics.render();
    expect(text).toContain('tnt_stt_backlog_seconds 0.25');
    expect(text).toContain('tnt_stt_real_time_factor 0.1');
    expect(text).toContain('tnt_stt_load 0.3');
    expect(text).toContain('tnt_stt_at_capacity 0');
  });

  it('takes every call when refusing is switched off, and stays ready', () => {
    const monitor = monitorWith({ TNT_CAPACITY_REFUSE_CALLS: '0' });
    engine.current = { backlogSeconds: 30, realTimeFactor: 0.5, openStreams: 20, parallelism: 2 };
    expect(() => monitor.admit('CA-1', 2)).not.toThrow();
    expect(readiness.evaluate().ready).toBe(true);
  });

  it('never refuses for an engine that cannot measure its load', () => {
    const unmeasured: TranscriptionEngine = {
      name: 'remote',
      simulated: false,
      sampleRates: [16000],
      start: async () => undefined,
      stop: async () => undefined,
      open: () => {
        throw new Error('not used');
      },
    };
    const monitor = monitorWith({}, unmeasured);
    expect(() => monitor.admit('CA-1', 2)).not.toThrow();
    expect(readiness.evaluate().ready).toBe(true);
  });
});
