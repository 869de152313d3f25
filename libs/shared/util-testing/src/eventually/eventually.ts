/** How long `eventually` keeps asking, and how often. */
export interface EventuallyOptions {
  /** Give up after this many milliseconds. A deadline is a failure message, not a speed bar: keep it generous. */
  timeoutMs?: number;
  /** Wait this many milliseconds between asks. */
  intervalMs?: number;
}

/**
 * The default deadline: seconds, not milliseconds, for a loaded CI machine, yet under Jest's default 5 s test timeout
 * so the failure names what was awaited instead of Jest's anonymous timeout. Tests with a longer Jest timeout pass
 * their own `timeoutMs` below it.
 */
export const EVENTUALLY_TIMEOUT_MS = 4_000;
const EVENTUALLY_INTERVAL_MS = 10;

/** Falsy values mean "not yet". */
type Held<T> = Exclude<T, undefined | null | false | 0 | ''>;

/**
 * Asks `check` (sync or async) until it returns a truthy value and resolves with that value; rejects with an error
 * naming `what` once `timeoutMs` has passed. Every poll in a test goes through here so that none can outlive its test:
 * after rejecting it never asks again, and an error thrown by `check` rejects at once.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  { timeoutMs = EVENTUALLY_TIMEOUT_MS, intervalMs = EVENTUALLY_INTERVAL_MS }: EventuallyOptions = {},
): Promise<Held<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Held<T>;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
