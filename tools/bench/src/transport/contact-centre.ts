import { UsageSampler } from '../support/process-usage';
import { ClientFleet } from './client-fleet';
import { summariseOpening, type OpeningSummary } from './fleet-opening';
import type { ConnectionSpec } from './load-client';
import { runCalls, type CallsRun, type RunTiming } from './measured-run';
import { startTarget } from './start-target';
import type { TargetName } from './transport-target';

/** Scenario 1's size: live calls, supervisors on `'*'`, one agent per call on its own call. */
export interface ContactCentrePlan {
  readonly calls: number;
  readonly supervisors: number;
  readonly ratePerCall: number;
  readonly staggerMs: number;
  readonly timing: RunTiming;
  readonly clientProcesses: number;
  readonly cpuProfileDir?: string;
}

/** Scenario 1 on one target. */
export interface ContactCentreResult {
  readonly target: TargetName;
  readonly opening: OpeningSummary;
  readonly run: CallsRun;
}

/** Call ids and agent ids of a scenario. */
export function callNames(prefix: string, count: number): { callIds: string[]; agentIds: string[] } {
  const numbers = Array.from({ length: count }, (_, index) => String(index + 1).padStart(4, '0'));
  return { callIds: numbers.map((number) => `${prefix}-${number}`), agentIds: numbers.map((number) => `agent-${number}`) };
}

/**
 * Contact centre: `calls` live calls publishing `ratePerCall` events/s each, `supervisors` on
 * `'*'`, one agent per call on that call. TnT's agents subscribe once their call exists, with
 * `since: 0`, so they still get every event of it.
 */
export async function runContactCentre(targetName: TargetName, plan: ContactCentrePlan): Promise<ContactCentreResult> {
  const connections = plan.supervisors + plan.calls;
  const target = await startTarget(targetName, { connections, cpuProfileDir: targetName === 'TnT' ? plan.cpuProfileDir : undefined });
  const fleet = ClientFleet.start(plan.clientProcesses, Math.ceil(connections / plan.clientProcesses));
  const sampler = new UsageSampler(target.pid).start();
  try {
    const { callIds, agentIds } = callNames('cc', plan.calls);
    const supervisors: ConnectionSpec[] = Array.from({ length: plan.supervisors }, () => ({ subscriptions: [{ callId: '*' }], measured: true }));
    const agents: ConnectionSpec[] = callIds.map((callId) =>
      target.subscribesAfterCallStart ? { subscriptions: [], deferred: [{ callId, since: 0 }], measured: true } : { subscriptions: [{ callId }], measured: true },
    );
    const opening = summariseOpening(await fleet.open(target.url, target.protocol, [...supervisors, ...agents], 50), true);
    const run = await runCalls(target, fleet, { callIds, agentIds, ratePerCall: plan.ratePerCall, staggerMs: plan.staggerMs }, plan.timing, plan.supervisors + 1, sampler);
    return { target: targetName, opening, run };
  } finally {
    sampler.stop();
    await fleet.stop();
    await target.stop();
  }
}
