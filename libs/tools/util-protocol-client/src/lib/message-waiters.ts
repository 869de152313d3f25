import type { ServerMessage } from '@tnt/protocol';
import { ProtocolClientError, ProtocolClientErrorCode } from './protocol-client-error';

interface Waiter {
  readonly matches: (message: ServerMessage) => boolean;
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Promises for messages that have not arrived yet. Each waiter is settled exactly once: by the
 * first message it matches, by its timeout, or by {@link failAll} when the socket closes.
 */
export class MessageWaiters {
  private readonly waiters = new Set<Waiter>();
  /** Set once the socket is gone: later waits fail at once instead of running out their timeout. */
  private finalError: Error | undefined;

  /** Resolves with the first message offered from now on that `matches`; rejects after `timeoutMs`. */
  wait<T extends ServerMessage>(matches: (message: ServerMessage) => message is T, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.finalError) return reject(this.finalError);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new ProtocolClientError(ProtocolClientErrorCode.Timeout, `no matching message within ${timeoutMs} ms; ${describe()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Settles every waiter that `message` matches. */
  offer(message: ServerMessage): void {
    for (const waiter of this.waiters) {
      if (!waiter.matches(message)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(message);
    }
  }

  /** Rejects every waiter, and every later one, with `error` (the socket closed or broke the protocol). */
  failAll(error: Error): void {
    this.finalError ??= error;
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
  }
}
