import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig, type WebhooksConfig } from '@tnt/server/util-config';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { WEBHOOK_OUTBOX, type WebhookDelivery, type WebhookOutbox } from '@tnt/server/util-webhooks';
import { retryDelayMs } from './retry-backoff';
import { WEBHOOK_CLOCK, type WebhookClock } from './webhook-clock';
import { describeEndpoint } from './webhook-payloads';
import { EVENT_HEADER, IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** Deliveries claimed and sent at once by one worker. */
const BATCH = 16;

/** An endpoint that failed, from its first failed attempt until one succeeds. */
interface Outage {
  readonly since: number;
  failedAttempts: number;
}

/**
 * Sends the outbox's due deliveries: claims a batch under a lease (long enough for an attempt to
 * time out), POSTs each signed body, and records the outcome. A 2xx answer delivers; anything else
 * (another status, a refused connection, a timeout) is a failed attempt, retried after an
 * exponential back-off with jitter, until `TNT_WEBHOOK_MAX_ATTEMPTS` or `TNT_WEBHOOK_MAX_AGE_SECONDS`
 * is reached: the delivery is then `dead` (logged, counted, listed for supervisors). A worker killed
 * mid-attempt leaves its lease to run out; the delivery is then claimed again, by this instance
 * after a restart or by another one: at least once, with the same idempotency key.
 *
 * An endpoint's outage is logged once when it starts and once when it ends, not per attempt.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly settings: WebhooksConfig;
  private readonly owner: string;
  private readonly outages = new Map<string, Outage>();
  private readonly delivered: CounterMetric;
  private readonly failedAttempts: CounterMetric;
  private readonly dead: CounterMetric;
  private depth = 0;
  private timer: unknown;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(TNT_CONFIG) config: TntConfig,
    @Inject(WEBHOOK_CLOCK) private readonly clock: WebhookClock,
    @Inject(METRICS) metrics: MetricsRegistry,
  ) {
    this.settings = config.extensions.webhooks;
    this.owner = config.instanceId;
    this.delivered = metrics.counter({
      name: 'tnt_webhook_deliveries_total',
      help: 'Webhook deliveries an endpoint accepted (2xx)',
      labelNames: ['event'],
    });
    this.failedAttempts = metrics.counter({
      name: 'tnt_webhook_failed_attempts_total',
      help: 'Webhook attempts that failed (no 2xx answer in time); each is retried with back-off until the delivery is dead',
      labelNames: ['event'],
    });
    this.dead = metrics.counter({
      name: 'tnt_webhook_dead_total',
      help:
        'Webhook deliveries given up after TNT_WEBHOOK_MAX_ATTEMPTS or TNT_WEBHOOK_MAX_AGE_SECONDS ' +
        '(listed at GET /api/webhooks/deliveries?status=dead)',
      labelNames: ['event'],
    });
    metrics.gauge({
      name: 'tnt_webhook_outbox_depth',
      help: 'Webhook deliveries waiting in the outbox (as of the last look)',
      sample: () => this.depth,
    });
  }

  /** How long a claimed delivery stays this worker's: an attempt's timeout and a margin to record it. */
  get leaseMs(): number {
    return this.settings.timeoutMs * 2 + 1000;
  }

  onApplicationBootstrap(): void {
    this.wake();
  }

  onModuleDestroy(): Promise<unknown> | undefined {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    return this.running;
  }

  /** Looks for due deliveries now (new ones were enqueued), instead of at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clock.clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
        return;
      }
      this.timer = this.clock.setTimeout(() => this.wake(), this.settings.pollMs);
    });
  }

  /** Sends batches until none is due; resolves how many deliveries were attempted. */
  async drain(): Promise<number> {
    let attempted = 0;
    try {
      for (;;) {
        const claimed = await this.outbox.claimDue({ owner: this.owner, now: this.clock.now(), leaseMs: this.leaseMs, limit: BATCH });
        await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
        attempted += claimed.length;
        if (claimed.length < BATCH || this.stopped) break;
      }
      this.depth = await this.outbox.pendingCount();
    } catch (error) {
      // The store failed: the outbox keeps every row; the next poll tries again.
      this.logger.error(
        `webhooks: reading the outbox failed (${error instanceof Error ? error.message : String(error)}); retried at the next poll`,
      );
    }
    return attempted;
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const outcome = await this.post(delivery);
    const at = this.clock.now();
    if (outcome.error === undefined) return this.succeeded(delivery, at, outcome.status);
    const failure = { error: outcome.error, ...(outcome.status === undefined ? {} : { status: outcome.status }) };
    this.failedAttempts.inc({ event: delivery.event });
    const failedAttempts = delivery.attempts + 1;
    const tooOld = at - delivery.createdAt >= this.settings.maxAgeSeconds * 1000;
    const backoff = { baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs };
    const retryAt =
      failedAttempts >= this.settings.maxAttempts || tooOld
        ? undefined
        : at + retryDelayMs(failedAttempts, backoff, () => this.clock.random());
    this.noteOutage(delivery, failure.error, at);
    if (!(await this.outbox.recordFailure(delivery.id, this.owner, { at, ...failure, ...(retryAt === undefined ? {} : { retryAt }) })))
      return;
    if (retryAt !== undefined) return;
    this.dead.inc({ event: delivery.event });
    this.logger.error({
      msg:
        `webhooks: gave up ${delivery.event} delivery ${delivery.idempotencyKey} to ${describeEndpoint(delivery.url)} ` +
        `after ${failedAttempts} attempt(s) (${failure.error}). It stays listed at GET /api/webhooks/deliveries?status=dead; ` +
        `the event itself stays in the call's history (GET /api/calls/${delivery.callId}). Fix the receiver, or raise ` +
        'TNT_WEBHOOK_MAX_ATTEMPTS / TNT_WEBHOOK_MAX_AGE_SECONDS to ride out longer outages.',
      callId: delivery.callId,
    });
  }

  private async succeeded(delivery: WebhookDelivery, at: number, status: number | undefined): Promise<void> {
    if (!(await this.outbox.recordSuccess(delivery.id, this.owner, { at, status }))) return;
    this.delivered.inc({ event: delivery.event });
    const outage = this.outages.get(delivery.url);
    if (outage) {
      this.outages.delete(delivery.url);
      this.logger.log(
        `webhooks: ${describeEndpoint(delivery.url)} accepts deliveries again, after ${outage.failedAttempts} failed attempt(s)`,
      );
    }
  }

  private noteOutage(delivery: WebhookDelivery, error: string, at: number): void {
    const outage = this.outages.get(delivery.url);
    if (outage) {
      outage.failedAttempts++;
      return;
    }
    this.outages.set(delivery.url, { since: at, failedAttempts: 1 });
    this.logger.warn(
      `webhooks: ${describeEndpoint(delivery.url)} failed a delivery (${error}). Deliveries to it are kept and retried ` +
        `with back-off (up to ${this.settings.maxAttempts} attempts or ${this.settings.maxAgeSeconds} s each); ` +
        `make it answer 2xx within ${this.settings.timeoutMs} ms. ` +
        'Failing deliveries: GET /api/webhooks/deliveries?status=failed. Logged once until it recovers.',
    );
  }

  /** POSTs one delivery; resolves the answer's status, and `error` unless it was a 2xx. */
  private async post(delivery: WebhookDelivery): Promise<{ status?: number; error?: string }> {
    const timestamp = Math.floor(this.clock.now() / 1000);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'TnT-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(this.settings.secret ?? '', timestamp, delivery.payload),
          [IDEMPOTENCY_KEY_HEADER]: delivery.idempotencyKey,
          [EVENT_HEADER]: delivery.event,
        },
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { status: response.status };
      return { error: `HTTP ${response.status}`, status: response.status };
    } catch (error) {
      return { error: describeFailure(error) };
    }
  }
}

/** A failed request in a few words: fetch's own message and the network error beneath it (`ECONNREFUSED`, a timeout). */
function describeFailure(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { message?: string } };
  return [message ?? String(error), cause?.message].filter(Boolean).join(': ');
}
