import type { LatencySummary } from './latency-summary';

/**
 * What the fleet opens: `supervisors` sockets on `'*'` and one socket per call (an agent's view;
 * it authenticates with the same supervisor token in `url`, which costs the fan-out the same).
 */
export interface FleetPlan {
  readonly url: string;
  readonly supervisors: number;
  readonly callIds: readonly string[];
}

/** What the fleet saw since its last reset. */
export interface FleetReport {
  /** publish → receive of every transcript message at every socket. */
  readonly latency: LatencySummary;
  /** Transcript messages received, all sockets together. */
  readonly received: number;
  /** Messages whose `seq` skipped ahead of the socket's last one for that call. */
  readonly gaps: number;
  /** Messages whose `seq` was not above the socket's last one for that call. */
  readonly duplicates: number;
  /** Sockets the gateway closed, by close code. */
  readonly closedByCode: Record<string, number>;
}

/** A request from the benchmark to the fleet process. */
export type FleetRequest =
  | { readonly id: number; readonly command: 'open'; readonly plan: FleetPlan }
  | { readonly id: number; readonly command: 'reset' }
  | { readonly id: number; readonly command: 'report' }
  | { readonly id: number; readonly command: 'close' };

/** The fleet's answer to the request with the same `id`. */
export interface FleetReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}
