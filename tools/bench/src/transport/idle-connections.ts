import { UsageSampler } from '../support/process-usage';
import { ClientFleet } from './client-fleet';
import { callNames } from './contact-centre';
import { summariseOpening, type OpeningSummary } from './fleet-opening';
import type { ConnectionCensus } from './load-client';
import { runCalls, type CallsRun, type RunTiming } from './measured-run';
import { megabytes, settledRss } from './settled-memory';
import { startTarget } from './start-target';
import { diagnosticOptions, type Diagnostics, type TargetName } from './transport-target';

/** Scenario 3's size. */
export interface ManyConnectionsPlan {
  readonly connections: number;
  /** Events per second fanned out to every connection, spread over `calls` calls. */
  readonly eventsPerSecond: number;
  /**
   * A lower rate, fanned out in a second window on the same connections: one every server
   * carries in full, so its p99s compare like for like where a server cannot carry `eventsPerSecond`.
   */
  readonly comparableEventsPerSecond: number;
  readonly calls: number;
  readonly staggerMs: number;
  readonly timing: RunTiming;
  readonly clientProcesses: number;
  /** Connections each client process opens at the same time. */
  readonly openConcurrency: number;
  /** CPU profiles and GC traces to write, if any. */
  readonly diagnostics?: Diagnostics;
}

/** Server memory before and after the idle connections were opened, with GC settled. */
export interface IdleMemory {
  readonly rssMbBefore: number;
  readonly rssMbAfter: number;
  readonly kbPerConnection: number;
}

/** Scenario 3 on one target. */
export interface ManyConnectionsResult {
  readonly target: TargetName;
  readonly opening: OpeningSummary;
  readonly idle: IdleMemory;
  readonly run: CallsRun;
  /** Deliveries per second `run` offered: `eventsPerSecond` × connections opened. */
  readonly offeredDeliveriesPerSecond: number;
  /** The second window, at `comparableEventsPerSecond`. */
  readonly comparable: CallsRun;
  readonly comparableOfferedDeliveriesPerSecond: number;
  /** Connections still open after the run. */
  readonly census: ConnectionCensus;
}

/**
 * Many connections: open `connections` subscribers on `'*'` and measure the server's memory per
 * idle connection, then fan `eventsPerSecond` out to all of them and measure latency.
 */
export async function runManyConnections(targetName: TargetName, plan: ManyConnectionsPlan): Promise<ManyConnectionsResult> {
  const target = await startTarget(targetName, {
    connections: plan.connections,
    inspect: true,
    ...diagnosticOptions(plan.diagnostics, 'connections', targetName),
  });
  const fleet = ClientFleet.start(plan.clientProcesses, Math.ceil(plan.connections / plan.clientProcesses));
  const sampler = new UsageSampler(target.pid).start();
  try {
    const before = await settledRss(target);
    const subscribers = Array.from({ length: plan.connections }, () => ({ subscriptions: [{ callId: '*' }], measured: true }));
    const opening = summariseOpening(
      await fleet.open(target.url, target.protocol, subscribers, plan.openConcurrency, target.supervisorToken),
      false,
    );
    const after = await settledRss(target);
    const idle: IdleMemory = {
      rssMbBefore: megabytes(before),
      rssMbAfter: megabytes(after),
      kbPerConnection: Math.round(((after - before) / 1024 / Math.max(1, opening.opened)) * 10) / 10,
    };
    const fanOut = (name: string, eventsPerSecond: number) => {
      const { callIds, agentIds } = callNames(name, plan.calls);
      return runCalls(
        target,
        fleet,
        { callIds, agentIds, ratePerCall: eventsPerSecond / plan.calls, staggerMs: plan.staggerMs },
        plan.timing,
        opening.opened,
        sampler,
      );
    };
    const run = await fanOut('many', plan.eventsPerSecond);
    const comparable = await fanOut('many-low', plan.comparableEventsPerSecond);
    return {
      target: targetName,
      opening,
      idle,
      run,
      offeredDeliveriesPerSecond: plan.eventsPerSecond * opening.opened,
      comparable,
      comparableOfferedDeliveriesPerSecond: plan.comparableEventsPerSecond * opening.opened,
      census: await fleet.census(),
    };
  } finally {
    sampler.stop();
    await fleet.stop();
    await target.stop();
  }
}
