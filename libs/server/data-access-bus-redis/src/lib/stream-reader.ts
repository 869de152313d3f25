import type Redis from 'ioredis';
import type { BusLogger, BusTimers } from './bus-options';
import { openFailFastConnection, reasonOf, whenReady } from './redis-connection';

/** How a {@link StreamReader} reads and whom it tells. */
export interface StreamReaderOptions {
  readonly url: string;
  readonly streamKey: string;
  readonly connectionName: string;
  readonly blockMs: number;
  readonly count: number;
  readonly watchdogMarginMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly startTimeoutMs: number;
  readonly timers: BusTimers;
  readonly logger: BusLogger;
  /** Each entry's JSON, in stream order. */
  readonly onEntry: (json: string) => void;
  readonly onDown: (reason: string) => void;
  readonly onUp: () => void;
  readonly onReconnect: () => void;
}

/**
 * Reads the firehose on a dedicated connection (a blocking read holds its connection): XREAD BLOCK
 * in a loop from the last id seen. It starts from the stream's newest id read with XREVRANGE, never
 * `$`: `$` means "newer than whatever is newest when this read arrives", so events appended between
 * `start` and the first read would be lost. A watchdog replaces the connection when a blocking read
 * does not return within its block time plus a margin (a blocking read can hang after a reconnect).
 */
export class StreamReader {
  private connection: Redis;
  private lastId = '0-0';
  private closed = false;
  private loop: Promise<void> | undefined;
  private readyOnce = false;
  /** Set when the connection failed or was replaced: the next success checks whether the stream was recreated. */
  private recovering = false;

  constructor(private readonly options: StreamReaderOptions) {
    this.connection = this.open();
  }

  /** Reads the start position, then reads on in the background. Rejects when Redis cannot be reached in time. */
  async start(): Promise<void> {
    const { startTimeoutMs, timers, url } = this.options;
    if (!(await whenReady(this.connection, startTimeoutMs, timers))) {
      throw new Error(`Redis at ${url} could not be reached within ${startTimeoutMs} ms (start TNT_REDIS_URL's server, or fix the URL)`);
    }
    this.lastId = (await this.newestId()) ?? '0-0';
    this.loop = this.readLoop();
  }

  /** Stops reading and closes the connection; resolves when the loop has ended. */
  async close(): Promise<void> {
    this.closed = true;
    this.connection.disconnect();
    await this.loop;
  }

  private open(): Redis {
    const { url, connectionName, blockMs, watchdogMarginMs, reconnectMaxDelayMs } = this.options;
    const connection = openFailFastConnection(url, connectionName, reconnectMaxDelayMs, {
      // ioredis's own guards: a blocking command resolves null past BLOCK + grace, and a socket that
      // sends nothing for longer than a read may block is destroyed. The watchdog below is the last resort.
      blockingTimeout: blockMs + watchdogMarginMs,
      socketTimeout: blockMs + watchdogMarginMs,
    });
    connection.on('error', (error: Error) => {
      if (!this.closed && connection === this.connection) this.options.onDown(error.message);
    });
    connection.on('ready', () => {
      if (this.readyOnce) this.options.onReconnect();
      this.readyOnce = true;
    });
    return connection;
  }

  private async newestId(): Promise<string | undefined> {
    const newest = (await this.connection.xrevrange(this.options.streamKey, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return newest[0]?.[0];
  }

  private async readLoop(): Promise<void> {
    const { blockMs, count, streamKey, reconnectMaxDelayMs, timers } = this.options;
    while (!this.closed) {
      const connection = this.connection;
      if (connection.status !== 'ready') {
        await whenReady(connection, reconnectMaxDelayMs, timers);
        continue;
      }
      try {
        if (this.recovering) await this.resumeAfterOutage();
        const reply = await this.watched(connection.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', streamKey, this.lastId), connection);
        this.options.onUp();
        if (reply) this.deliver(reply as [string, [string, string[]][]][]);
      } catch (error) {
        if (this.closed) break;
        this.recovering = true;
        this.options.onDown(reasonOf(error));
        await sleep(timers, Math.min(reconnectMaxDelayMs, 100));
      }
    }
  }

  /**
   * After an outage: a restarted Redis (it keeps nothing) recreates the stream with ids from its own
   * clock, normally above the last id seen, so reading simply goes on. Should the newest id now be
   * below the last one seen (the new server's clock is behind), the stream was recreated: read it whole.
   */
  private async resumeAfterOutage(): Promise<void> {
    const newest = await this.newestId();
    this.recovering = false;
    if (newest !== undefined && compareIds(newest, this.lastId) < 0) {
      this.options.logger.warn(
        `stream ${this.options.streamKey} was recreated behind the last id read (${this.lastId}); reading it from the start`,
      );
      this.lastId = '0-0';
    }
  }

  private deliver(reply: [string, [string, string[]][]][]): void {
    for (const [, entries] of reply) {
      for (const [id, fields] of entries) {
        this.lastId = id;
        const json = fieldValue(fields, 'event');
        if (json === undefined) {
          this.options.logger.error(`stream entry ${id} has no event field; skipped`);
          continue;
        }
        this.options.onEntry(json);
      }
    }
  }

  /** Resolves the read, or null after its block time plus margin, replacing the connection the read hung on. */
  private watched<T>(read: Promise<T>, connection: Redis): Promise<T | null> {
    const { blockMs, watchdogMarginMs, timers, logger } = this.options;
    return new Promise<T | null>((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        logger.warn(`a blocking read of ${blockMs} ms had not returned after ${blockMs + watchdogMarginMs} ms: reconnecting`);
        this.recovering = true;
        this.connection = this.open();
        connection.disconnect();
        this.options.onReconnect();
        resolve(null);
      }, blockMs + watchdogMarginMs);
      read.then(
        (value) => {
          timers.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          timers.clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}

function fieldValue(fields: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < fields.length; index += 2) {
    if (fields[index] === name) return fields[index + 1];
  }
  return undefined;
}

/** Orders two stream ids (`<ms>-<n>`). */
export function compareIds(left: string, right: string): number {
  const [leftMs, leftSeq] = left.split('-').map(BigInt);
  const [rightMs, rightSeq] = right.split('-').map(BigInt);
  if (leftMs !== rightMs) return leftMs < rightMs ? -1 : 1;
  if (leftSeq !== rightSeq) return leftSeq < rightSeq ? -1 : 1;
  return 0;
}

function sleep(timers: BusTimers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}
