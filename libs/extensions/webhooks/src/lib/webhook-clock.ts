/** Time, randomness and timers of the webhooks, injected so tests drive them instead of waiting. */
export interface WebhookClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** [0, 1), for the back-off's jitter. */
  random(): number;
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** Injection token of the {@link WebhookClock}. */
export const WEBHOOK_CLOCK = Symbol('WEBHOOK_CLOCK');

/** The process's clock and `Math.random`; timers do not keep the process alive. */
export const SYSTEM_WEBHOOK_CLOCK: WebhookClock = {
  now: () => Date.now(),
  random: () => Math.random(),
  setTimeout: (run, delayMs) => setTimeout(run, delayMs).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
