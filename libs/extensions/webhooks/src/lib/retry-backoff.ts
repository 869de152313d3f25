/** The back-off's bounds (`TNT_WEBHOOK_RETRY_BASE_MS`, `TNT_WEBHOOK_RETRY_MAX_MS`). */
export interface RetryBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * How long to wait after the `failedAttempts`-th failed attempt (1 for the first): exponential,
 * `base × 2^(n-1)` capped at `max`, with "equal jitter" (half the step fixed, half random; see
 * Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). The random half
 * spreads the retries of many deliveries that failed together (an endpoint's outage) so they do
 * not all hit it again at one instant; the fixed half keeps a failing endpoint from being retried
 * at once. `random` returns [0, 1) and is injected so tests choose it.
 */
export function retryDelayMs(failedAttempts: number, backoff: RetryBackoff, random: () => number): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 40));
  return Math.round(step / 2 + random() * (step / 2));
}
