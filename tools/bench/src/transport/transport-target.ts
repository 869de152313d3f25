import type { ClientProtocol } from './load-connection';

/** The three servers compared: TnT's real gateway and the two baselines. */
export type TargetName = 'TnT' | 'raw ws' | 'Socket.IO';

/** Calls to run on a target: each publishes about `ratePerCall` transcript events per second. */
export interface CallPlan {
  readonly callIds: readonly string[];
  readonly agentIds: readonly string[];
  readonly ratePerCall: number;
  /** Calls start at random moments within this window, so their events interleave. */
  readonly staggerMs: number;
}

/** How a target's calls ended: each call's last `seq`, and calls whose end was never seen. */
export interface CallsEnded {
  readonly lastSeqByCall: Record<string, number>;
  readonly unseenEnds: readonly string[];
}

/** Options every target is started with. */
export interface TargetOptions {
  /** Enables the inspector on loopback so memory can be read with GC settled. */
  readonly inspect?: boolean;
  /** Connections the server must be able to hold (its open-file limit is raised to fit). */
  readonly connections: number;
  /** TnT only: write a V8 CPU profile of the gateway into this folder when it stops. */
  readonly cpuProfileDir?: string;
}

/** A server under test, running as its own process, with a way to make it publish. */
export interface TransportTarget {
  readonly name: TargetName;
  readonly protocol: ClientProtocol;
  /** What the load clients connect to. */
  readonly url: string;
  /** The server process, for CPU and memory readings. */
  readonly pid: number;
  /** TnT only knows a call once its audio arrives; agents then subscribe to it (with `since: 0`). */
  readonly subscribesAfterCallStart: boolean;
  /** Starts the calls; resolves once all have started. */
  startCalls(plan: CallPlan): Promise<void>;
  /** Ends the calls and resolves with their last `seq`s; `endedSeqs` reads what the clients saw. */
  endCalls(endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded>;
  /** Runs full GCs in the server (needs `inspect`). */
  collectGarbage(): Promise<void>;
  /** Stops the server process. */
  stop(): Promise<void>;
}
