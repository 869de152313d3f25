import type { LatencySummary } from '../support/latency-histogram';
import { cpuPercentBetween, cpuPercentByProcessBetween, type UsageSampler } from '../support/process-usage';
import type { ClientFleet, FleetWindow } from './client-fleet';
import type { DeliveryAccount } from './delivery-tracker';
import type { CallPlan, TransportTarget } from './transport-target';

/** How long a run of calls warms up and is measured. */
export interface RunTiming {
  /** After every call has started (and TnT agents have subscribed). */
  readonly warmupMs: number;
  readonly measureMs: number;
  /** How long the clients may take to receive the rest once the calls end. */
  readonly drainTimeoutMs: number;
}

/** The server's CPU and memory over a measurement window. */
export interface ServerUsage {
  /** % of one core. */
  readonly cpuPercent: number;
  /** For a target of several processes (a cluster's instances, then its load balancer): each one's share, % of one core. */
  readonly cpuPercentByProcess: readonly number[];
  readonly rssMbAtStart: number;
  readonly rssMbAtEnd: number;
  readonly rssMbMax: number;
}

/** One measurement window: latency at the clients of the messages published in it, throughput, and the server's usage. */
export interface MeasuredWindow {
  readonly latency: LatencySummary;
  readonly window: Omit<FleetWindow, 'latency'>;
  readonly server: ServerUsage;
}

/** Whether every measured connection got every event, and whether the clients caught up. */
export type DeliveryOutcome = DeliveryAccount & {
  readonly connectionsWithLoss: number;
  /** Calls whose `ended` event no client saw (TnT), so their last `seq` is unknown. */
  readonly unseenEnds: number;
  readonly drained: boolean;
};

/** Everything measured in one run of calls against one target. */
export interface CallsRun extends MeasuredWindow {
  /** Transcript events published per second per call in the window (deliveries ÷ receivers per event ÷ calls). */
  readonly publishedPerCallPerSecond: number;
  readonly delivery: DeliveryOutcome;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const megabytes = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Starts the calls, makes TnT's deferred agent subscriptions, and waits out the warm-up. */
export async function beginCalls(target: TransportTarget, fleet: ClientFleet, plan: CallPlan, warmupMs: number): Promise<void> {
  await target.startCalls(plan);
  if (target.subscribesAfterCallStart) await fleet.subscribeDeferred();
  await sleep(warmupMs);
}

/** A window that has been measured on the server side; its client figures are collected after the drain. */
export interface PendingWindow {
  readonly id: number;
  readonly server: ServerUsage;
}

let nextWindowId = 1;

/** Measures one window of `measureMs`: publish times covered at the clients, CPU and RSS on the server. */
export async function measureWindow(fleet: ClientFleet, sampler: UsageSampler, measureMs: number): Promise<PendingWindow> {
  const id = nextWindowId++;
  await fleet.openWindow(id);
  const atStart = sampler.sample();
  await sleep(measureMs);
  await fleet.closeWindow();
  const atEnd = sampler.sample();
  const inWindow = sampler.readings.filter((reading) => reading.at >= atStart.at && reading.at <= atEnd.at);
  return {
    id,
    server: {
      cpuPercent: Math.round(cpuPercentBetween(atStart, atEnd)),
      cpuPercentByProcess: cpuPercentByProcessBetween(atStart, atEnd).map(Math.round),
      rssMbAtStart: megabytes(atStart.rssBytes),
      rssMbAtEnd: megabytes(atEnd.rssBytes),
      rssMbMax: megabytes(Math.max(...inWindow.map((reading) => reading.rssBytes))),
    },
  };
}

/** The clients' figures of a measured window (once they have received what they will). */
export async function collectWindow(fleet: ClientFleet, pending: PendingWindow): Promise<MeasuredWindow> {
  const { latency, ...window } = await fleet.windowResult(pending.id);
  return { latency: latency.summary(), window, server: pending.server };
}

/** Ends the calls, waits for the clients to receive the rest, and accounts every event by `seq`. */
export async function finishCalls(target: TransportTarget, fleet: ClientFleet, drainTimeoutMs: number): Promise<DeliveryOutcome> {
  const ended = await target.endCalls(() => fleet.endedSeqs());
  const drained = await fleet.awaitDelivery(ended.lastSeqByCall, drainTimeoutMs);
  const account = await fleet.account(ended.lastSeqByCall);
  await fleet.forget(Object.keys(ended.lastSeqByCall));
  return { ...account.total, connectionsWithLoss: account.connectionsWithLoss, unseenEnds: ended.unseenEnds.length, drained };
}

/**
 * Runs `plan` on `target` with the fleet already connected: warm-up, one measured window, then
 * the end of the calls and the accounting. `receiversPerEvent` is how many connections each
 * event goes to (to derive the publish rate).
 */
export async function runCalls(
  target: TransportTarget,
  fleet: ClientFleet,
  plan: CallPlan,
  timing: RunTiming,
  receiversPerEvent: number,
  sampler: UsageSampler,
): Promise<CallsRun> {
  await beginCalls(target, fleet, plan, timing.warmupMs);
  const pending = await measureWindow(fleet, sampler, timing.measureMs);
  const delivery = await finishCalls(target, fleet, timing.drainTimeoutMs);
  const measured = await collectWindow(fleet, pending);
  return {
    ...measured,
    publishedPerCallPerSecond: measured.window.deliveriesPerSecond / receiversPerEvent / plan.callIds.length,
    delivery,
  };
}
