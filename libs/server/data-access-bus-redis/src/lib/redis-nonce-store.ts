import { Logger } from '@nestjs/common';
import type { NonceStore } from '@tnt/shared/util-audiohook';
import type { MetricsRegistry } from '@tnt/server/util-metrics';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { REAL_TIMERS, type BusLogger, type BusTimers } from './bus-options';
import { redactedUrl } from './outage-report';
import { openFailFastConnection, reasonOf, whenReady } from './redis-connection';

/** How a {@link RedisNonceStore} reaches Redis. */
export interface RedisNonceStoreOptions {
  /** `redis://host:port[/db]`; a connection of its own is opened (and closed by `close`). Or pass `client`. */
  readonly url?: string;
  /** A non-blocking connection shared with other adapters; `close` leaves it open. */
  readonly client?: Redis;
  /** Prepended to every key (TNT_REDIS_PREFIX, `tnt:`); tests use a random one. */
  readonly keyPrefix: string;
  /** How long one check may wait for Redis before the upgrade is refused. Default 2000. */
  readonly commandTimeoutMs?: number;
  /** Counts outages and the checks they failed. */
  readonly metrics?: MetricsRegistry;
  readonly logger?: BusLogger;
  /** The clock a nonce's time to live is counted from, in epoch milliseconds. */
  readonly now?: () => number;
  readonly timers?: BusTimers;
}

/** A nonce could not be checked because Redis did not answer: the upgrade must be refused, never accepted. */
export class NonceStoreUnavailable extends Error {
  constructor(reason: string) {
    super(`the AudioHook nonce store (Redis) cannot be reached: ${reason}`);
    this.name = 'NonceStoreUnavailable';
  }
}

/**
 * The cluster's {@link NonceStore}: every instance remembers accepted nonces in the same Redis, so an
 * upgrade captured on its way to one instance is refused by all of them. One round trip per check:
 * `SET <prefix>audiohook:nonce:<key digest>:<nonce> 1 NX PX <ms left>` (set: new; not set: a replay).
 * The key id is an API key, so the key holds a digest of it, never the key itself. The time to live
 * is counted on this instance's clock (PX, not PXAT), so a Redis clock that differs does not matter.
 *
 * While Redis does not answer, checks reject at once ({@link NonceStoreUnavailable}); the outage is
 * logged once, with what to do, and its end once, with how many checks failed meanwhile.
 */
export class RedisNonceStore implements NonceStore {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly logger: BusLogger;
  private readonly now: () => number;
  private readonly timers: BusTimers;
  private readonly commandTimeoutMs: number;
  private readonly outages;
  private readonly failedChecks;
  private outageStartedAt: number | undefined;
  private failedDuringOutage = 0;
  private closed = false;

  constructor(private readonly options: RedisNonceStoreOptions) {
    if (!options.client && !options.url) throw new Error('RedisNonceStore: pass url or client');
    if (typeof options.keyPrefix !== 'string') throw new Error('RedisNonceStore: keyPrefix must be a string');
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2000;
    if (!(this.commandTimeoutMs > 0)) throw new Error(`RedisNonceStore: commandTimeoutMs must be positive (got ${this.commandTimeoutMs})`);
    this.logger = options.logger ?? new Logger('AudioHookNonces');
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
    this.ownsConnection = !options.client;
    this.redis =
      options.client ??
      openFailFastConnection(options.url as string, 'tnt-audiohook-nonces', 1000, { commandTimeout: this.commandTimeoutMs });
    if (this.ownsConnection) {
      this.redis.on('error', (error: Error) => this.markDown(reasonOf(error)));
      this.redis.on('ready', () => this.markUp());
    }
    const { metrics } = options;
    this.outages = metrics?.counter({
      name: 'tnt_audiohook_nonce_store_outages_total',
      help: 'Times Redis stopped answering the AudioHook nonce checks of this instance',
    });
    this.failedChecks = metrics?.counter({
      name: 'tnt_audiohook_nonce_checks_unavailable_total',
      help: 'Signed AudioHook upgrades refused with 503 because Redis could not check their nonce',
    });
    metrics?.gauge({
      name: 'tnt_audiohook_nonce_store_reachable',
      help: '1 while Redis answers the AudioHook nonce checks, 0 during an outage',
      sample: () => (this.outageStartedAt === undefined ? 1 : 0),
    });
  }

  async remember(keyId: string, nonce: string, untilMs: number): Promise<boolean> {
    if (this.closed) throw new NonceStoreUnavailable('the store is closed (the server is stopping)');
    // Only while starting: the first upgrades wait for the connection; during an outage they fail at once.
    if (this.redis.status !== 'ready' && this.outageStartedAt === undefined) {
      await whenReady(this.redis, this.commandTimeoutMs, this.timers);
    }
    const ttlMs = Math.max(1, Math.ceil(untilMs - this.now()));
    let answer: string | null;
    try {
      answer = await this.redis.set(this.key(keyId, nonce), '1', 'PX', ttlMs, 'NX');
    } catch (error) {
      this.markDown(reasonOf(error));
      this.failedDuringOutage++;
      this.failedChecks?.inc();
      throw new NonceStoreUnavailable(reasonOf(error));
    }
    this.markUp();
    return answer === 'OK';
  }

  /** Closes the connection this store opened (a shared `client` stays open); later checks reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsConnection) return;
    // QUIT needs an answer; a connection that is down (or still reconnecting) is cut instead, or it would keep retrying.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch((error: unknown) => {
      this.logger.warn(`closing the AudioHook nonce connection: ${reasonOf(error)}`);
      this.redis.disconnect();
    });
  }

  /** Nest calls this at shutdown, after the sockets have closed. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private key(keyId: string, nonce: string): string {
    const keyDigest = createHash('sha256').update(keyId, 'utf8').digest('hex').slice(0, 16);
    return `${this.options.keyPrefix}audiohook:nonce:${keyDigest}:${nonce}`;
  }

  private markDown(reason: string): void {
    if (this.closed || this.outageStartedAt !== undefined) return;
    this.outageStartedAt = this.now();
    this.failedDuringOutage = 0;
    this.outages?.inc();
    this.logger.warn(
      `Redis at ${redactedUrl(this.options.url ?? '(shared connection)')} cannot be reached to check AudioHook nonces (${reason}). ` +
        'Signed /ingest/audiohook upgrades are refused with 503 until it answers (Genesys retries them); no nonce is accepted ' +
        'unchecked. Start Redis or fix TNT_REDIS_URL.',
    );
  }

  private markUp(): void {
    if (this.outageStartedAt === undefined) return;
    const seconds = ((this.now() - this.outageStartedAt) / 1000).toFixed(1);
    this.logger.log(
      `Redis answers AudioHook nonce checks again after ${seconds} s; ${this.failedDuringOutage} upgrades were refused with 503 meanwhile.`,
    );
    this.outageStartedAt = undefined;
  }
}
