import type { ContactCentrePlan } from './contact-centre';
import type { ManyConnectionsPlan } from './idle-connections';
import type { SaturationPlan } from './saturation';
import type { SlowConsumerPlan } from './slow-consumer';

/** The scenarios of the transport benchmark, by the name used on the command line. */
export const SCENARIO_NAMES = ['contact', 'saturation', 'connections', 'slow'] as const;

/** A scenario name, see {@link SCENARIO_NAMES}. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Sizes and durations of every scenario for one run of the benchmark. */
export interface TransportPlans {
  readonly contact: ContactCentrePlan;
  readonly saturation: SaturationPlan;
  readonly connections: ManyConnectionsPlan;
  readonly slow: SlowConsumerPlan;
  /** Rounds of scenario 1 (each runs TnT, raw ws and Socket.IO in turn); the report compares medians. */
  readonly contactRounds: number;
  /** Rounds of scenario 3, compared by their medians like scenario 1's. */
  readonly connectionsRounds: number;
  /** Rounds of the slow-consumer case: p99s in the tens of ms move by more than 20 % between windows. */
  readonly slowRounds: number;
  /** Run the slow-consumer case against the raw `ws` baseline too (what an unbounded server does). */
  readonly slowAgainstRawWs: boolean;
}

/** The sizes (≈ 8–10 min), or a ≈ 2 min smoke version with `quick`. */
export function transportPlans(
  quick: boolean,
  clientProcesses: number,
  connectionsOverride?: number,
  slowAgainstRawWs = false,
): TransportPlans {
  return {
    contact: {
      calls: 200,
      supervisors: 50,
      ratePerCall: 5,
      staggerMs: quick ? 2000 : 3000,
      timing: { warmupMs: quick ? 1000 : 2000, measureMs: quick ? 4000 : 10_000, drainTimeoutMs: 15_000 },
      clientProcesses,
    },
    saturation: {
      subscribers: 1000,
      ratePerCall: 5,
      minCalls: 8,
      startEventsPerSecond: quick ? 50 : 40,
      stepFactor: quick ? 1.8 : 1.5,
      refinements: quick ? 0 : 2,
      maxSteps: quick ? 3 : 10,
      maxStepsDown: quick ? 1 : 3,
      p99LimitMs: 100,
      minDeliveredShare: 0.9,
      staggerMs: 3000,
      timing: { warmupMs: 1000, measureMs: quick ? 3000 : 5000, drainTimeoutMs: 20_000 },
      clientProcesses,
    },
    connections: {
      connections: connectionsOverride ?? (quick ? 2000 : 10_000),
      eventsPerSecond: 10,
      comparableEventsPerSecond: 3,
      calls: 5,
      staggerMs: 3000,
      timing: { warmupMs: quick ? 1000 : 2000, measureMs: quick ? 4000 : 10_000, drainTimeoutMs: 20_000 },
      clientProcesses,
      openConcurrency: 100,
    },
    slow: {
      calls: 200,
      supervisors: 50,
      ratePerCall: 5,
      slowConsumers: 3,
      staggerMs: quick ? 2000 : 3000,
      warmupMs: 3000,
      normalMs: quick ? 4000 : 10_000,
      slowMs: quick ? 12_000 : 45_000,
      slowWindowMs: quick ? 4000 : 10_000,
      drainTimeoutMs: 15_000,
      clientProcesses,
    },
    contactRounds: quick ? 1 : 3,
    connectionsRounds: quick ? 1 : 3,
    slowRounds: quick ? 1 : 3,
    slowAgainstRawWs,
  };
}
