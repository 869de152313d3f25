import { TntError } from '@tnt/protocol';
import { KeyedTokenBuckets, LIMIT_ERROR_CODES } from '@tnt/server/util-rate-limit';

/**
 * Limits login attempts per client address and per username (each `attemptsPerMinute`, refilled
 * continuously), counted before the password is checked so that a flood cannot make the server
 * spend scrypt time. The per-username limit slows distributed guessing of one account; its cost
 * is that a flood can delay that user's own login by up to a minute.
 */
export class LoginThrottle {
  private readonly byAddress: KeyedTokenBuckets;
  private readonly byUsername: KeyedTokenBuckets;

  constructor(attemptsPerMinute: number) {
    const rate = { perSecond: attemptsPerMinute / 60, burst: attemptsPerMinute };
    this.byAddress = new KeyedTokenBuckets(rate);
    this.byUsername = new KeyedTokenBuckets(rate);
  }

  /** Counts one attempt; returns the `RATE_LIMITED` error (with `retryAfterSeconds`) when over a limit. */
  admit(address: string, username: string): TntError | undefined {
    const addressTake = this.byAddress.tryTake(address);
    const usernameTake = this.byUsername.tryTake(username.trim().toLowerCase());
    const refused = [addressTake, usernameTake].filter((take) => !take.allowed) as { retryAfterMs: number }[];
    if (refused.length === 0) return undefined;
    const retryAfterMs = Math.max(...refused.map((take) => take.retryAfterMs));
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new TntError(LIMIT_ERROR_CODES.RATE_LIMITED, 'too many login attempts; try again later', { retryAfterSeconds });
  }
}
