import type { LatencySummary } from '../support/latency-histogram';
import { UsageSampler } from '../support/process-usage';
import { ClientFleet } from './client-fleet';
import { callNames } from './contact-centre';
import { summariseOpening, type OpeningSummary } from './fleet-opening';
import { beginCalls, collectWindow, finishCalls, measureWindow, type RunTiming } from './measured-run';
import { startTarget } from './start-target';
import { diagnosticOptions, type Diagnostics, type TargetName, type TransportTarget } from './transport-target';

/** Scenario 2's size and how the rate climbs. */
export interface SaturationPlan {
  readonly subscribers: number;
  /**
   * Events per second of each call: a step's rate is spread over rate ÷ this many calls (at
   * least `minCalls`), so TnT's scripted calls run at a similar pace at every step.
   */
  readonly ratePerCall: number;
  readonly minCalls: number;
  /** Events per second (all calls together) of the first step. */
  readonly startEventsPerSecond: number;
  /** Each step multiplies the rate by this until a step fails. */
  readonly stepFactor: number;
  /** Bisection steps between the last passing and the first failing rate. */
  readonly refinements: number;
  readonly maxSteps: number;
  /** How many times a target failing the first rate is tried at lower rates. */
  readonly maxStepsDown: number;
  /** A step passes when its p99 is at most this… */
  readonly p99LimitMs: number;
  /**
   * …and it delivered at least this share of the offered deliveries (TnT's scripted calls publish
   * the nominal rate only on average, so this catches a server whose input falls behind, not noise).
   */
  readonly minDeliveredShare: number;
  readonly staggerMs: number;
  readonly timing: RunTiming;
  readonly clientProcesses: number;
  /** CPU profiles and GC traces to write, if any. */
  readonly diagnostics?: Diagnostics;
}

/** One rate tried. */
export interface SaturationStep {
  readonly calls: number;
  readonly offeredEventsPerSecond: number;
  readonly offeredDeliveriesPerSecond: number;
  readonly deliveredPerSecond: number;
  readonly latency: LatencySummary;
  readonly serverCpuPercent: number;
  readonly clientCpuPercent: readonly number[];
  readonly lost: number;
  /** Connections that closed during the step, by close code (1013: cut off as a slow consumer). */
  readonly closedByCode: Record<string, number>;
  readonly drained: boolean;
  readonly passed: boolean;
}

/** Scenario 2 on one target. */
export interface SaturationResult {
  readonly target: TargetName;
  readonly opening: OpeningSummary;
  readonly steps: readonly SaturationStep[];
  /** The passing step with the most deliveries per second. */
  readonly best: SaturationStep | undefined;
}

/**
 * Saturation: `subscribers` on `'*'`, the event rate raised step by step (fresh calls each
 * step) until p99 exceeds the limit or deliveries fall behind, then refined by bisection.
 */
export async function runSaturation(targetName: TargetName, plan: SaturationPlan): Promise<SaturationResult> {
  const target = await startTarget(targetName, {
    connections: plan.subscribers,
    ...diagnosticOptions(plan.diagnostics, 'saturation', targetName),
  });
  return { target: targetName, ...(await runSaturationOn(target, targetName, plan)) };
}

/**
 * Scenario 2 on a target already started (e.g. a cluster behind a load balancer), `label` naming it
 * in the progress lines; the target is stopped at the end, whatever happens.
 */
export async function runSaturationOn(
  target: TransportTarget,
  label: string,
  plan: SaturationPlan,
): Promise<Omit<SaturationResult, 'target'>> {
  const fleet = ClientFleet.start(plan.clientProcesses, Math.ceil(plan.subscribers / plan.clientProcesses));
  const sampler = new UsageSampler(target.pids ?? target.pid).start();
  const steps: SaturationStep[] = [];
  try {
    const subscribers = Array.from({ length: plan.subscribers }, () => ({ subscriptions: [{ callId: '*' }], measured: true }));
    const opening = summariseOpening(await fleet.open(target.url, target.protocol, subscribers, 100, target.supervisorToken), true);
    const tryRate = async (eventsPerSecond: number): Promise<SaturationStep> => {
      const calls = Math.max(plan.minCalls, Math.round(eventsPerSecond / plan.ratePerCall));
      const { callIds, agentIds } = callNames(`sat${steps.length + 1}`, calls);
      await beginCalls(
        target,
        fleet,
        { callIds, agentIds, ratePerCall: eventsPerSecond / calls, staggerMs: plan.staggerMs },
        plan.timing.warmupMs,
      );
      const pending = await measureWindow(fleet, sampler, plan.timing.measureMs);
      const delivery = await finishCalls(target, fleet, plan.timing.drainTimeoutMs);
      const measured = await collectWindow(fleet, pending);
      const { closedByCode } = await fleet.census();
      const reopening = await fleet.reopenClosed();
      if (reopening.failures.length > 0)
        throw new Error(`reopening closed connections failed: ${reopening.failures.slice(0, 3).join('; ')}`);
      const offeredDeliveriesPerSecond = eventsPerSecond * plan.subscribers;
      const step: SaturationStep = {
        calls,
        offeredEventsPerSecond: Math.round(eventsPerSecond * 10) / 10,
        offeredDeliveriesPerSecond: Math.round(offeredDeliveriesPerSecond),
        deliveredPerSecond: Math.round(measured.window.deliveriesPerSecond),
        latency: measured.latency,
        serverCpuPercent: measured.server.cpuPercent,
        clientCpuPercent: measured.window.clientCpuPercent,
        lost: delivery.lost,
        closedByCode,
        drained: delivery.drained,
        passed:
          measured.latency.p99 <= plan.p99LimitMs &&
          measured.window.deliveriesPerSecond >= plan.minDeliveredShare * offeredDeliveriesPerSecond &&
          delivery.drained &&
          delivery.lost === 0,
      };
      steps.push(step);
      const lossNote = step.lost > 0 ? `, lost ${step.lost} (closed: ${JSON.stringify(closedByCode)})` : '';
      console.error(
        `  ${label} saturation: ${step.offeredEventsPerSecond} events/s → ${step.deliveredPerSecond} deliveries/s, ` +
          `p99 ${step.latency.p99} ms, server CPU ${step.serverCpuPercent}%, clients ${step.clientCpuPercent.join('/')}%${lossNote} → ` +
          `${step.passed ? 'pass' : 'fail'}`,
      );
      return step;
    };
    let passing: number | undefined;
    let failing: number | undefined;
    for (let rate = plan.startEventsPerSecond, index = 0; index < plan.maxSteps; rate *= plan.stepFactor, index++) {
      if ((await tryRate(rate)).passed) passing = rate;
      else {
        failing = rate;
        break;
      }
    }
    // A target that fails the first rate is tried lower until it passes, so it still gets a figure.
    for (
      let rate = plan.startEventsPerSecond / plan.stepFactor, tries = 0;
      passing === undefined && tries < plan.maxStepsDown;
      rate /= plan.stepFactor, tries++
    ) {
      if ((await tryRate(rate)).passed) passing = rate;
      else failing = rate;
    }
    for (let round = 0; round < plan.refinements && failing !== undefined && passing !== undefined; round++) {
      const middle = Math.sqrt(passing * failing);
      if ((await tryRate(middle)).passed) passing = middle;
      else failing = middle;
    }
    const best = steps.filter((step) => step.passed).sort((left, right) => right.deliveredPerSecond - left.deliveredPerSecond)[0];
    return { opening, steps, best };
  } finally {
    sampler.stop();
    await fleet.stop();
    await target.stop();
  }
}
