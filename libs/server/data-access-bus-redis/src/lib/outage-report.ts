import type { BusLogger } from './bus-options';

/** Which of the stream's two connections is down. */
export type ConnectionRole = 'append' | 'read';

/**
 * Tracks whether Redis can be reached and logs each outage once, with what to do, and its end once,
 * with how many queued events were flushed or dropped meanwhile.
 */
export class OutageReport {
  private readonly down = new Set<ConnectionRole>();
  private outageStartedAt: number | undefined;
  private flushed = 0;
  private dropped = 0;

  constructor(
    private readonly logger: BusLogger,
    private readonly url: string,
    private readonly maxQueuedPerCall: number,
    private readonly now: () => number,
    /** Told when an outage begins (the metrics count it). */
    private readonly onOutage: () => void = () => undefined,
  ) {}

  /** False while either connection is down. */
  get reachable(): boolean {
    return this.down.size === 0;
  }

  /** A connection failed; the first failure of an outage is logged. */
  markDown(role: ConnectionRole, reason: string): void {
    this.down.add(role);
    if (this.outageStartedAt !== undefined) return;
    this.outageStartedAt = this.now();
    this.onOutage();
    this.flushed = 0;
    this.dropped = 0;
    this.logger.warn(
      `Redis at ${redactedUrl(this.url)} cannot be reached (${role}: ${reason}). Call events are queued per call (at most ` +
        `${this.maxQueuedPerCall}; superseded interims are dropped first) and flushed in order when it returns; readers ` +
        'fill any hole from the durable log. Start Redis or fix TNT_REDIS_URL; this instance reports not ready meanwhile.',
    );
  }

  /** True while `role`'s connection is down. */
  isDown(role: ConnectionRole): boolean {
    return this.down.has(role);
  }

  /** A connection works again. */
  markUp(role: ConnectionRole): void {
    this.down.delete(role);
  }

  /** True while an outage is being reported (its counts are still open). */
  get inOutage(): boolean {
    return this.outageStartedAt !== undefined;
  }

  /** Queued events appended after the outage began. */
  countFlushed(count = 1): void {
    if (this.outageStartedAt !== undefined) this.flushed += count;
  }

  /** Queued events given up during the outage. */
  countDropped(count = 1): void {
    if (this.outageStartedAt !== undefined) this.dropped += count;
  }

  /** Logs the end of the outage once both connections work and the queue is empty. */
  settle(queueDepth: number): void {
    if (this.outageStartedAt === undefined || this.down.size > 0 || queueDepth > 0) return;
    const seconds = ((this.now() - this.outageStartedAt) / 1000).toFixed(1);
    this.logger.log(
      `Redis at ${redactedUrl(this.url)} is reachable again after ${seconds} s: flushed ${this.flushed} queued events, ` +
        `dropped ${this.dropped}.`,
    );
    this.outageStartedAt = undefined;
  }
}

/** The URL without its password, fit for a log line. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable TNT_REDIS_URL)';
  }
}
