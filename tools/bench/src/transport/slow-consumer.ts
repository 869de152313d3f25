import WebSocket from 'ws';
import { readProcessUsage, UsageSampler } from '../support/process-usage';
import { ClientFleet } from './client-fleet';
import { callNames } from './contact-centre';
import { summariseOpening } from './fleet-opening';
import { GaugePoller, readGauge } from './gateway-metrics';
import type { ConnectionCensus, ConnectionSpec } from './load-client';
import { beginCalls, collectWindow, finishCalls, measureWindow, sleep, type DeliveryOutcome, type MeasuredWindow } from './measured-run';
import { megabytes, retainedBytes, settledRss } from './settled-memory';
import { startTarget } from './start-target';
import { diagnosticOptions, type Diagnostics, type TargetName, type TransportTarget } from './transport-target';

/** Time for a window's last messages to arrive before the server is paused for a GC. */
const IN_FLIGHT_GRACE_MS = 1000;

/**
 * TnT keeps every event of a call for replay and ended calls for ten minutes, so its memory
 * grows with the traffic; capped here, it stays level, and what grows is what the slow clients
 * cost. A paused client cannot answer pings either, so the heartbeat would end it within 35 s;
 * it is put out of the way so that what bounds memory here is the outbound queue alone.
 */
const SLOW_CASE_ENV = { TNT_HISTORY_SIZE: '200', TNT_ENDED_CALL_RETENTION_MS: '1000', TNT_HEARTBEAT_INTERVAL_MS: '3600000' };

/** The slow-consumer case: calls fanned out to supervisors on `'*'`, plus `'*'` clients that stop reading. */
export interface SlowConsumerPlan {
  readonly calls: number;
  readonly supervisors: number;
  readonly ratePerCall: number;
  readonly slowConsumers: number;
  readonly staggerMs: number;
  readonly warmupMs: number;
  /** Window with every client reading. */
  readonly normalMs: number;
  /**
   * How long the slow consumers stay paused. The kernel absorbs the first few MB sent to a
   * paused socket (≈ 12 s at this load), so only a longer pause shows what the server does.
   */
  readonly slowMs: number;
  /** The measured window: the end of the pause, when the server itself must hold or drop data. */
  readonly slowWindowMs: number;
  readonly drainTimeoutMs: number;
  readonly clientProcesses: number;
  /** CPU profiles and GC traces to write, if any. */
  readonly diagnostics?: Diagnostics;
}

/** Server memory around the slow phase. */
export interface MemoryTrace {
  /** [seconds since the slow consumers paused, RSS MB]; negative times are before the pause. */
  readonly rssMbOverTime: readonly (readonly [number, number])[];
  /**
   * RSS as it ran when the slow consumers paused: no GC is forced before the measured windows,
   * because a forced (memory-reducing) GC leaves V8 with a tight heap limit and full GCs every
   * few hundred ms afterwards, which would weigh on the slow window and not on the normal one.
   */
  readonly rssMbAtPause: number;
  /** RSS with GC settled at the end of the slow phase and after the slow consumers were dropped. */
  readonly settledRssMb: { readonly atEnd: number; readonly afterDrop: number };
  /**
   * What the server held for the slow consumers at the end: its retained memory (JS heap +
   * external, after GC) minus the same once those connections were dropped, MB.
   */
  readonly heldForSlowMb: number;
  /** What the slow consumers were sent but did not read during the slow phase, MB (from the measured rate). */
  readonly owedToSlowMb: number;
  /** Highest `tnt_queued_bytes` from the gateway's /metrics during the slow phase, MB (TnT, when it has /metrics). */
  readonly queuedMbMax?: number;
}

/** What the gateway's /metrics counted by the end (TnT, when it has /metrics): the slow clients cannot see a close while paused. */
export interface ServerCounts {
  readonly slowConsumerDisconnects?: number;
  readonly heartbeatTerminations?: number;
}

/** The slow-consumer case on one target. */
export interface SlowConsumerResult {
  readonly target: TargetName;
  readonly normal: MeasuredWindow;
  readonly slow: MeasuredWindow;
  readonly memory: MemoryTrace;
  readonly census: ConnectionCensus;
  readonly serverCounts: ServerCounts;
  /** When the server closed each slow consumer, seconds after the pause, with its close code. */
  readonly slowClosures: readonly { readonly afterSeconds: number; readonly code: number; readonly reason: string }[];
  readonly delivery: DeliveryOutcome;
}

/** Settled RSS and retained (heap + external) bytes of the server now. */
async function memoryNow(target: TransportTarget): Promise<{ rss: number; retained: number }> {
  const rss = await settledRss(target);
  return { rss, retained: await retainedBytes(target) };
}

/**
 * Opens and closes one more connection. Nest's gateway plumbing keeps the most recently closed
 * socket reachable (a `distinctUntilChanged` on its disconnect stream remembers the last value)
 * until another one closes; without this, the last dropped slow client would look like memory
 * the server still holds for it.
 */
async function connectAndClose(target: TransportTarget): Promise<void> {
  const socket = new WebSocket(target.url, target.supervisorToken ? ['bearer', target.supervisorToken] : []);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.close(1000, 'done');
  await closed;
  await sleep(500);
}

/**
 * Measures the supervisors' p99 with every client reading, then with `slowConsumers` paused
 * (`ws.pause()`: the socket is no longer read, so the server's sends to it pile up). At the end
 * the slow connections are dropped: the memory the server frees then is what it held for them.
 * Calls are rotated so the load outlasts one scripted conversation.
 */
export async function runSlowConsumer(targetName: TargetName, plan: SlowConsumerPlan): Promise<SlowConsumerResult> {
  const connections = plan.supervisors + plan.slowConsumers;
  const target = await startTarget(targetName, {
    connections,
    inspect: true,
    gatewayEnv: SLOW_CASE_ENV,
    ...diagnosticOptions(plan.diagnostics, 'slow', targetName),
  });
  const fleet = ClientFleet.start(plan.clientProcesses, Math.ceil(connections / plan.clientProcesses));
  const sampler = new UsageSampler(target.pid, 250).start();
  try {
    const { callIds, agentIds } = callNames('slow', plan.calls);
    const supervisors: ConnectionSpec[] = Array.from({ length: plan.supervisors }, () => ({
      subscriptions: [{ callId: '*' }],
      measured: true,
    }));
    const slow: ConnectionSpec[] = Array.from({ length: plan.slowConsumers }, () => ({
      subscriptions: [{ callId: '*' }],
      measured: false,
    }));
    summariseOpening(await fleet.open(target.url, target.protocol, [...supervisors, ...slow], 50, target.supervisorToken), true);
    await beginCalls(
      target,
      fleet,
      { callIds, agentIds, ratePerCall: plan.ratePerCall, staggerMs: plan.staggerMs, rotateCalls: true },
      plan.warmupMs,
    );
    const normalPending = await measureWindow(fleet, sampler, plan.normalMs);
    const rssAtPause = readProcessUsage(target.pid).rssBytes;
    const metricsBase = target.url.replace(/^ws/, 'http').replace(/\/ws$/, '');
    const queued = target.name === 'TnT' ? new GaugePoller(metricsBase, 'tnt_queued_bytes').start() : undefined;
    await fleet.pauseSlowConsumers();
    const pausedAt = performance.now();
    const pausedAtEpoch = Date.now();
    await sleep(plan.slowMs - plan.slowWindowMs);
    const slowPending = await measureWindow(fleet, sampler, plan.slowWindowMs);
    const slowPhaseMs = performance.now() - pausedAt;
    // Forced GCs pause the server; the window's last messages must not wait behind them.
    await sleep(IN_FLIGHT_GRACE_MS);
    const queuedReadings = queued?.stop() ?? [];
    const census = await fleet.census();
    const serverCounts: ServerCounts =
      target.name === 'TnT'
        ? {
            slowConsumerDisconnects: await readGauge(metricsBase, 'tnt_slow_consumer_disconnects_total'),
            heartbeatTerminations: await readGauge(metricsBase, 'tnt_heartbeat_terminations_total'),
          }
        : {};
    const atEnd = await memoryNow(target);
    await fleet.closeSlowConsumers();
    await sleep(500);
    await connectAndClose(target);
    const afterDrop = await memoryNow(target);
    const delivery = await finishCalls(target, fleet, plan.drainTimeoutMs);
    const normal = await collectWindow(fleet, normalPending);
    const slowWindow = await collectWindow(fleet, slowPending);
    const eventsPerSecond = normal.window.deliveriesPerSecond / plan.supervisors;
    return {
      target: targetName,
      normal,
      slow: slowWindow,
      memory: {
        rssMbOverTime: sampler.readings.map((reading) => [Math.round((reading.at - pausedAt) / 100) / 10, megabytes(reading.rssBytes)]),
        rssMbAtPause: megabytes(rssAtPause),
        settledRssMb: { atEnd: megabytes(atEnd.rss), afterDrop: megabytes(afterDrop.rss) },
        heldForSlowMb: megabytes(atEnd.retained - afterDrop.retained),
        owedToSlowMb: megabytes(eventsPerSecond * normal.window.meanMessageBytes * (slowPhaseMs / 1000) * plan.slowConsumers),
        queuedMbMax: queuedReadings.length > 0 ? megabytes(Math.max(...queuedReadings.map(([, value]) => value))) : undefined,
      },
      census,
      serverCounts,
      slowClosures: census.slowClosures.map((closure) => ({
        afterSeconds: Math.round((closure.at - pausedAtEpoch) / 100) / 10,
        code: closure.code,
        reason: closure.reason,
      })),
      delivery,
    };
  } finally {
    sampler.stop();
    await fleet.stop();
    await target.stop();
  }
}
