import Redis, { type RedisOptions } from 'ioredis';
import { reconnectDelay, type BusTimers } from './bus-options';

/**
 * Opens a connection that fails commands at once while it is down (no offline queue, no resend):
 * the adapters keep their own queues, ordered per call, and retry after `ready` themselves, so a
 * command is never sent twice behind their back.
 */
export function openFailFastConnection(url: string, name: string, reconnectMaxDelayMs: number, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelay(reconnectMaxDelayMs),
    ...extra,
  });
}

/** Resolves true once `connection` is ready, false when `timeoutMs` passes first or it ends for good. */
export function whenReady(connection: Redis, timeoutMs: number, timers: BusTimers): Promise<boolean> {
  if (connection.status === 'ready') return Promise.resolve(true);
  if (connection.status === 'end') return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      timers.clearTimeout(timer);
      connection.off('ready', onReady);
      connection.off('end', onEnd);
      resolve(ready);
    };
    const onReady = () => finish(true);
    const onEnd = () => finish(false);
    const timer = timers.setTimeout(() => finish(false), timeoutMs);
    connection.on('ready', onReady);
    connection.on('end', onEnd);
  });
}

/** The message of anything thrown, for a log line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
