import { UsageSampler } from '../support/process-usage';
import { ClientFleet } from './client-fleet';
import { summariseOpening, type OpeningSummary } from './fleet-opening';
import type { ConnectionSpec } from './load-client';
import { runCalls, type CallsRun, type RunTiming } from './measured-run';
import { startTarget } from './start-target';
import { diagnosticOptions, type Diagnostics, type TargetName, type TransportTarget } from './transport-target';

/** Scenario 1's size: live calls, supervisors on `'*'`, one agent per call on its own call. */
export interface ContactCentrePlan {
  readonly calls: number;
  readonly supervisors: number;
  readonly ratePerCall: number;
  readonly staggerMs: number;
  readonly timing: RunTiming;
  readonly clientProcesses: number;
  /** CPU profiles and GC traces to write, if any. */
  readonly diagnostics?: Diagnostics;
}

/** Scenario 1 on one target. */
export interface ContactCentreResult {
  readonly target: TargetName;
  readonly opening: OpeningSummary;
  readonly run: CallsRun;
}

/**
 * Every call is handled by this agent, so one agent user (one password hash, seconds of scrypt
 * each) serves every agent connection; each agent connection still subscribes to its own call.
 */
export const BENCH_AGENT_ID = 'bench-agent';

/** Call ids of a scenario, and the agent of each call. */
export function callNames(prefix: string, count: number): { callIds: string[]; agentIds: string[] } {
  const numbers = Array.from({ length: count }, (_, index) => String(index + 1).padStart(4, '0'));
  return { callIds: numbers.map((number) => `${prefix}-${number}`), agentIds: numbers.map(() => BENCH_AGENT_ID) };
}

/**
 * Contact centre: `calls` live calls publishing `ratePerCall` events/s each, `supervisors` on
 * `'*'`, one agent per call on that call. TnT's agents subscribe once their call exists, with
 * `since: 0`, so they still get every event of it.
 */
export async function runContactCentre(targetName: TargetName, plan: ContactCentrePlan): Promise<ContactCentreResult> {
  const connections = contactCentreConnections(plan);
  const target = await startTarget(targetName, { connections, ...diagnosticOptions(plan.diagnostics, 'contact', targetName) });
  return { target: targetName, ...(await runContactCentreOn(target, plan)) };
}

/** The UI connections scenario 1 opens: one per supervisor and one per call's agent. */
export function contactCentreConnections(plan: Pick<ContactCentrePlan, 'supervisors' | 'calls'>): number {
  return plan.supervisors + plan.calls;
}

/**
 * Scenario 1 on a target already started (e.g. a cluster behind a load balancer); the target is
 * stopped at the end, whatever happens.
 */
export async function runContactCentreOn(target: TransportTarget, plan: ContactCentrePlan): Promise<Omit<ContactCentreResult, 'target'>> {
  const connections = contactCentreConnections(plan);
  const fleet = ClientFleet.start(plan.clientProcesses, Math.ceil(connections / plan.clientProcesses));
  const sampler = new UsageSampler(target.pids ?? target.pid).start();
  try {
    const { callIds, agentIds } = callNames('cc', plan.calls);
    const supervisors: ConnectionSpec[] = Array.from({ length: plan.supervisors }, () => ({
      subscriptions: [{ callId: '*' }],
      measured: true,
    }));
    const agentToken = await target.agentToken(BENCH_AGENT_ID);
    const agents: ConnectionSpec[] = callIds.map((callId) => ({
      ...(target.subscribesAfterCallStart ? { subscriptions: [], deferred: [{ callId, since: 0 }] } : { subscriptions: [{ callId }] }),
      measured: true,
      token: agentToken,
    }));
    const specs = [...supervisors, ...agents].map((spec, index) =>
      target.connectionUrl ? { ...spec, url: target.connectionUrl(index) } : spec,
    );
    const opening = summariseOpening(await fleet.open(target.url, target.protocol, specs, 50, target.supervisorToken), true);
    const run = await runCalls(
      target,
      fleet,
      { callIds, agentIds, ratePerCall: plan.ratePerCall, staggerMs: plan.staggerMs },
      plan.timing,
      plan.supervisors + 1,
      sampler,
    );
    return { opening, run };
  } finally {
    sampler.stop();
    await fleet.stop();
    await target.stop();
  }
}
