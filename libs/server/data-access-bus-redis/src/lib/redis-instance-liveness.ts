import { Logger } from '@nestjs/common';
import type { InstanceLiveness } from '@tnt/server/util-cluster';
import type Redis from 'ioredis';
import { REAL_TIMERS, type BusLogger, type BusTimers } from './bus-options';
import { redactedUrl } from './outage-report';
import { openFailFastConnection, reasonOf, whenReady } from './redis-connection';

/** How a {@link RedisInstanceLiveness} reaches Redis and how often it renews. */
export interface RedisInstanceLivenessOptions {
  /** `redis://host:port[/db]`; a connection of its own is opened (and closed by `stop`). Or pass `client`. */
  readonly url?: string;
  /** A connection shared with other adapters; `stop` leaves it open. */
  readonly client?: Redis;
  readonly keyPrefix: string;
  readonly instanceId: string;
  /** The key's time to live: an instance not heard of for this long is dead. */
  readonly leaseMs: number;
  /** How often the key is renewed; well below `leaseMs` so a slow renewal does not let it lapse. */
  readonly renewMs: number;
  readonly timers?: BusTimers;
  readonly logger?: BusLogger;
  /** How long `start` waits for Redis. Default 10000. */
  readonly startTimeoutMs?: number;
}

/**
 * Liveness by lease: each instance keeps `${prefix}instance:${id}` alive with `SET … PX leaseMs`,
 * renewed every `renewMs`; when it stops renewing (killed, paused, cut off) the key expires and
 * the others see it dead. A renewal that finds its own key gone means this instance was paused past
 * its lease: its calls may have been ended or taken over meanwhile, which fencing then enforces.
 */
export class RedisInstanceLiveness implements InstanceLiveness {
  readonly instanceId: string;
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly timers: BusTimers;
  private readonly logger: BusLogger;
  private renewTimer: unknown;
  private stopped = false;
  private failing = false;

  constructor(private readonly options: RedisInstanceLivenessOptions) {
    if (!(options.leaseMs > 0) || !(options.renewMs > 0) || options.renewMs >= options.leaseMs) {
      throw new Error(`RedisInstanceLiveness: renewMs (${options.renewMs}) must be positive and below leaseMs (${options.leaseMs})`);
    }
    if (!options.instanceId) throw new Error('RedisInstanceLiveness: instanceId must be a non-empty string');
    if (!options.client && !options.url) throw new Error('RedisInstanceLiveness: pass url or client');
    this.instanceId = options.instanceId;
    this.timers = options.timers ?? REAL_TIMERS;
    this.logger = options.logger ?? new Logger('RedisInstanceLiveness');
    this.ownsConnection = !options.client;
    this.redis = options.client ?? openFailFastConnection(options.url as string, `tnt-liveness-${options.instanceId}`, 1000);
    if (this.ownsConnection) this.redis.on('error', (error: Error) => this.renewalFailed(error));
  }

  /** Writes this instance's key and keeps renewing it. Rejects when Redis cannot be reached in time. */
  async start(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 10_000;
    if (!(await whenReady(this.redis, timeoutMs, this.timers))) {
      throw new Error(`Redis at ${redactedUrl(this.options.url ?? '')} could not be reached within ${timeoutMs} ms for the liveness key`);
    }
    await this.redis.set(this.key(this.instanceId), this.instanceId, 'PX', this.options.leaseMs);
    this.scheduleRenewal();
  }

  /**
   * True while `instanceId`'s key has not expired. A missing key proves the instance dead only on a
   * Redis that has been up for a whole lease: a restarted Redis starts empty, and every live
   * instance writes its key again at its next renewal, so until then its calls must not be ended.
   */
  async isAlive(instanceId: string): Promise<boolean> {
    if ((await this.redis.exists(this.key(instanceId))) === 1) return true;
    return (await this.redisUptimeMs()) < this.options.leaseMs;
  }

  /** Stops renewing and deletes this instance's key, so the others see it gone at once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clearTimeout(this.renewTimer);
    try {
      await this.redis.del(this.key(this.instanceId));
    } catch (error) {
      this.logger.warn(
        `could not delete the liveness key of ${this.instanceId} (${reasonOf(error)}); it expires within ${this.options.leaseMs} ms`,
      );
    }
    if (this.ownsConnection) await this.redis.quit().catch((error: unknown) => this.logger.warn(`closing: ${reasonOf(error)}`));
  }

  /** Renews the key now (the timer calls this; exposed for tests and for a renewal after a known pause). */
  async renew(): Promise<void> {
    try {
      // GET returns the previous value: nothing means the key had expired before this renewal.
      const previous = await this.redis.set(this.key(this.instanceId), this.instanceId, 'PX', this.options.leaseMs, 'GET');
      if (this.failing) this.logger.log(`liveness key of ${this.instanceId} renewed again`);
      this.failing = false;
      if (previous === null) {
        this.logger.warn(
          `the liveness key of ${this.instanceId} had expired before this renewal (the process was paused or cut off for longer ` +
            `than its ${this.options.leaseMs} ms lease, or Redis restarted empty): other instances may have ended or taken over ` +
            'its calls, and fencing refuses its writes to them.',
        );
      }
    } catch (error) {
      this.renewalFailed(error);
    }
  }

  private scheduleRenewal(): void {
    if (this.stopped) return;
    this.renewTimer = this.timers.setTimeout(() => {
      void this.renew().then(() => this.scheduleRenewal());
    }, this.options.renewMs);
  }

  private renewalFailed(error: unknown): void {
    if (this.failing || this.stopped) return;
    this.failing = true;
    this.logger.warn(
      `cannot renew the liveness key of ${this.instanceId} (${reasonOf(error)}): if Redis stays away longer than ` +
        `${this.options.leaseMs} ms the other instances will consider this one dead. Check Redis (TNT_REDIS_URL).`,
    );
  }

  /** How long Redis has been up, rounded down to the second (`INFO server`), so a restart never looks older than it is. */
  private async redisUptimeMs(): Promise<number> {
    const seconds = /^uptime_in_seconds:(\d+)/m.exec(await this.redis.info('server'))?.[1];
    if (seconds === undefined) throw new Error('Redis INFO server reported no uptime_in_seconds');
    return Number(seconds) * 1000;
  }

  private key(instanceId: string): string {
    return `${this.options.keyPrefix}instance:${instanceId}`;
  }
}
