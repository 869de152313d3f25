import type { Logger } from '@nestjs/common';
import type { CounterMetric, MetricsRegistry } from '@tnt/server/util-metrics';

/** Timers the sessions retry with; tests inject their own. */
export interface SessionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How writes the store could not take are retried, and how often an unreachable store is asked again. */
export interface StoreRetry {
  /** First wait before a call's waiting events are tried again; doubled after each failure. */
  readonly initialDelayMs: number;
  /** Longest wait between two tries. */
  readonly maxDelayMs: number;
  readonly timers: SessionTimers;
}

/** Injection token of a {@link StoreRetry} (optional; {@link DEFAULT_STORE_RETRY} otherwise). */
export const STORE_RETRY = Symbol('STORE_RETRY');

/** Process timers, unreferenced so a waiting retry never keeps a stopping process alive. */
export const DEFAULT_STORE_RETRY: StoreRetry = {
  initialDelayMs: 100,
  maxDelayMs: 2_000,
  timers: {
    setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  },
};

/**
 * Whether the call store can be reached, from what its writes and readiness lookups meet. Each outage
 * is logged once when it begins, with what it means and what to do, and once when it ends; both are
 * counted in /metrics.
 */
export class StoreOutage {
  private since: number | undefined;
  private readonly outages: CounterMetric;

  constructor(
    private readonly logger: Logger,
    metrics: MetricsRegistry,
    private readonly backlogPerCall: number,
    /** What an operator does about it, for the store in use. */
    private readonly remedy: string,
    waiting: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.outages = metrics.counter({ name: 'tnt_store_outages_total', help: 'Times the call store (PostgreSQL) stopped answering' });
    metrics.gauge({
      name: 'tnt_store_reachable',
      help: '1 while the call store answers, 0 during an outage',
      sample: () => (this.reachable ? 1 : 0),
    });
    metrics.gauge({
      name: 'tnt_store_waiting_events',
      help: 'Final segments and call events waiting for the call store to answer, over every call',
      sample: waiting,
    });
  }

  /** False from a failed write or lookup until the store answers again. */
  get reachable(): boolean {
    return this.since === undefined;
  }

  /** A write or lookup failed because the store could not be reached. */
  failed(error: unknown): void {
    if (this.since !== undefined) return;
    this.since = this.now();
    this.outages.inc();
    this.logger.error(
      `the call store cannot be reached (${describe(error)}). Live calls go on: interim segments are still sent, final segments ` +
        `and call events wait per call (at most ${this.backlogPerCall}, TNT_STORE_BACKLOG_PER_CALL; a call with more is ended ` +
        'as store-unavailable) and are stored and sent in order when it answers. New calls are refused (INGEST_STORE_UNAVAILABLE) ' +
        `and /readyz answers 503 meanwhile. ${this.remedy}`,
    );
  }

  /** A write or lookup succeeded: an outage, if any, is over. */
  answered(): void {
    if (this.since === undefined) return;
    const seconds = ((this.now() - this.since) / 1000).toFixed(1);
    this.since = undefined;
    this.logger.log(`the call store answers again after ${seconds} s; the events that waited are being stored and sent in order`);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
