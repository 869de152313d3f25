import { Logger } from '@nestjs/common';
import type { MetricsRegistry } from '@tnt/server/util-metrics';

/** Where the adapters write what an operator must know (Nest's `Logger` fits). */
export interface BusLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Timers the adapters use for renewals, retries and the read watchdog; tests inject their own. */
export interface BusTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's timers, unreferenced so that a forgotten adapter never keeps a process alive. */
export const REAL_TIMERS: BusTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** How a {@link RedisEventStream} reaches Redis and how it behaves while Redis is away. */
export interface RedisEventStreamOptions {
  /** `redis://host:port[/db]`. */
  readonly url: string;
  /** Prepended to every key (`tnt:`); tests use a random one. */
  readonly keyPrefix: string;
  /** This instance: the owner token of the calls it appends. */
  readonly instanceId: string;
  /** Entries older than this are trimmed (`XADD … MINID ~`). Default 10. */
  readonly retentionMinutes?: number;
  /** Most events kept per call while Redis cannot be reached; beyond, the least useful go first. Default 500. */
  readonly maxQueuedPerCall?: number;
  /** Most of one call's queued events sent in one append script call (group commit). Default 64. */
  readonly appendBatchMax?: number;
  /** A call's fencing hash lives this long after its last append or claim. Default 24 h. */
  readonly callStateTtlMs?: number;
  /** `BLOCK` of each read, in milliseconds. Default 1000. */
  readonly readBlockMs?: number;
  /** `COUNT` of each read. Default 500. */
  readonly readCount?: number;
  /** A read not answered within `readBlockMs` + this is presumed hung and its connection replaced. Default 2000. */
  readonly watchdogMarginMs?: number;
  /** Per-command timeout of the append connection. Default 2000. */
  readonly commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts. Default 1000. */
  readonly reconnectMaxDelayMs?: number;
  /** How long `start` waits for Redis before it fails. Default 10000. */
  readonly startTimeoutMs?: number;
  /**
   * Asked when a call's fencing hash is missing (Redis restarted and kept nothing): true when this
   * instance still owns the call in the durable log (PostgreSQL). Without it, an instance trusts the
   * calls it has appended or claimed itself since it started.
   */
  readonly confirmOwnership?: (callId: string) => Promise<boolean>;
  /** Counts appends, fencing, reconnects, queue depth, drops and reader gaps. */
  readonly metrics?: MetricsRegistry;
  readonly logger?: BusLogger;
  /** Wall clock in epoch milliseconds, for the retention threshold. */
  readonly now?: () => number;
  readonly timers?: BusTimers;
}

/** {@link RedisEventStreamOptions} with every default applied and every value checked. */
export type ResolvedStreamOptions = Required<Omit<RedisEventStreamOptions, 'confirmOwnership' | 'metrics'>> &
  Pick<RedisEventStreamOptions, 'confirmOwnership' | 'metrics'>;

/** Applies defaults and fails fast, naming the option, on a value that cannot work. */
export function resolveStreamOptions(options: RedisEventStreamOptions): ResolvedStreamOptions {
  const resolved: ResolvedStreamOptions = {
    retentionMinutes: 10,
    maxQueuedPerCall: 500,
    appendBatchMax: 64,
    callStateTtlMs: 24 * 60 * 60 * 1000,
    readBlockMs: 1000,
    readCount: 500,
    watchdogMarginMs: 2000,
    commandTimeoutMs: 2000,
    reconnectMaxDelayMs: 1000,
    startTimeoutMs: 10_000,
    logger: new Logger('RedisEventStream'),
    now: Date.now,
    timers: REAL_TIMERS,
    ...withoutUndefined(options),
  };
  requireText('url', resolved.url);
  requireText('instanceId', resolved.instanceId);
  if (typeof resolved.keyPrefix !== 'string') throw new Error('RedisEventStream: keyPrefix must be a string');
  requirePositive('retentionMinutes', resolved.retentionMinutes, false);
  for (const name of [
    'maxQueuedPerCall',
    'appendBatchMax',
    'callStateTtlMs',
    'readBlockMs',
    'readCount',
    'watchdogMarginMs',
    'commandTimeoutMs',
    'reconnectMaxDelayMs',
    'startTimeoutMs',
  ] as const) {
    requirePositive(name, resolved[name], true);
  }
  return resolved;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`RedisEventStream: ${name} must be a non-empty string`);
}

function requirePositive(name: string, value: number, integer: boolean): void {
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new Error(`RedisEventStream: ${name} must be a positive ${integer ? 'integer' : 'number'} (got ${value})`);
  }
}

/** Reconnects quickly (a restarted Redis is back in about a second), never slower than `maxDelayMs`. */
export function reconnectDelay(maxDelayMs: number): (attempt: number) => number {
  return (attempt) => Math.min(maxDelayMs, 50 * 2 ** Math.min(attempt, 10));
}
