import { join } from 'node:path';
import type { MemoryUsage } from '../support/inspector-gc';
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
  /**
   * TnT: end each call before its scripted conversation runs out and start a new one in its
   * place, for runs longer than one conversation; only for loads without per-call subscribers.
   */
  readonly rotateCalls?: boolean;
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
  /** Run the server with `--trace-gc` and write what it prints to this file. */
  readonly gcTraceFile?: string;
  /** TnT only: more gateway settings (environment variables). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
}

/** Optional diagnostics of a run: CPU profiles of the gateway, GC traces of every server. */
export interface Diagnostics {
  readonly cpuProfileDir?: string;
  readonly gcTraceDir?: string;
}

/** The target options that carry `diagnostics` for one scenario and target. */
export function diagnosticOptions(
  diagnostics: Diagnostics | undefined,
  scenario: string,
  target: TargetName,
): Pick<TargetOptions, 'cpuProfileDir' | 'gcTraceFile'> {
  return {
    cpuProfileDir: diagnostics?.cpuProfileDir,
    gcTraceFile: diagnostics?.gcTraceDir
      ? join(diagnostics.gcTraceDir, `${scenario}-${target.replace(/\W+/g, '-').toLowerCase()}.log`)
      : undefined,
  };
}

/** A server under test, running as its own process, with a way to make it publish. */
export interface TransportTarget {
  readonly name: TargetName;
  readonly protocol: ClientProtocol;
  /** What the load clients connect to. */
  readonly url: string;
  /** Where the scenario's `index`th connection goes, when not every one goes to `url` (a cluster without its load balancer). */
  connectionUrl?(index: number): string;
  /** The server process, for CPU and memory readings. */
  readonly pid: number;
  /** Every process of the server when it is several (a cluster's instances and its load balancer); default `[pid]`. */
  readonly pids?: readonly number[];
  /** TnT only knows a call once its audio arrives; agents then subscribe to it (with `since: 0`). */
  readonly subscribesAfterCallStart: boolean;
  /** The UI token a supervisor connects with, when the server authenticates sockets. */
  readonly supervisorToken?: string;
  /** The UI token of the agent `agentId`, when the server authenticates sockets. */
  agentToken(agentId: string): Promise<string | undefined>;
  /** Starts the calls; resolves once all have started. */
  startCalls(plan: CallPlan): Promise<void>;
  /** Ends the calls and resolves with their last `seq`s; `endedSeqs` reads what the clients saw. */
  endCalls(endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded>;
  /** Runs full GCs in the server (needs `inspect`). */
  collectGarbage(): Promise<void>;
  /** Runs full GCs and reads the server's `process.memoryUsage()` (needs `inspect`). */
  settledMemory(): Promise<MemoryUsage>;
  /** Stops the server process. */
  stop(): Promise<void>;
}
