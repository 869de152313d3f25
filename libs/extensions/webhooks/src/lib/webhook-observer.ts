import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ALL_CALLS, callIdOf, isAlertInsight, type CallEventMessage, type CallInfo } from '@tnt/protocol';
import { CallSessionService, type CallEventStore, type EventSubscriber } from '@tnt/server/feature-sessions';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { WEBHOOK_OUTBOX, type NewWebhookDelivery, type WebhookOutbox } from '@tnt/server/util-webhooks';
import { WEBHOOK_CLOCK, type WebhookClock } from './webhook-clock';
import { WebhookDeliveryWorker } from './webhook-delivery-worker';
import { alertDeliveries, callEndedDeliveries } from './webhook-payloads';

/** What the observer reads of the call store: a call's events after a seq, and its insights. */
export type WebhookEventSource = Pick<CallEventStore, 'eventsSince' | 'snapshot'>;

/** Injection token of the {@link WebhookEventSource}. */
export const WEBHOOK_EVENT_SOURCE = Symbol('WEBHOOK_EVENT_SOURCE');

/** Calls read per page when catching up after a start. */
const CATCH_UP_PAGE = 200;
/** Longest wait between tries to write deliveries while the store refuses them. */
const MAX_ENQUEUE_RETRY_MS = 30_000;

/** True for the events that make deliveries: an alert insight, a call's end. */
function makesDeliveries(event: CallEventMessage): boolean {
  return (event.type === 'insight' && isAlertInsight(event.insight)) || (event.type === 'call' && event.event === 'ended');
}

/**
 * Turns stored call events into outbox rows. Live, it hears every call (`'*'`) and enqueues each
 * alert and call end as it is published (it is stored by then); in the same write it moves the
 * call's cursor in the store to that seq. At start it catches up: every stored call whose last seq
 * is above its cursor (an event stored just before a crash, a call a crash left open and the store
 * ended as `interrupted`) has its events read from the cursor and enqueued. Enqueueing is
 * idempotent (one row per idempotency key), so a live event and the catch-up, or every instance of
 * a cluster, may enqueue one event: it is delivered as one row. Writes run one after the other; a
 * write the store refuses is retried with back-off (logged once per outage, counted) and nothing
 * after it is written first, so a cursor never passes an event whose rows are missing.
 */
@Injectable()
export class WebhookObserver implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly subscriber: EventSubscriber = {
    id: 'webhooks',
    canSee: () => true,
    deliver: (_json, event) => {
      if (makesDeliveries(event)) this.queue(() => this.enqueueEvent(event));
    },
  };
  private chain: Promise<void> = Promise.resolve();
  private readonly enqueueFailures: CounterMetric;
  private failingSince: number | undefined;
  private stopped = false;

  constructor(
    private readonly sessions: CallSessionService,
    @Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox,
    @Inject(WEBHOOK_EVENT_SOURCE) private readonly events: WebhookEventSource,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(WEBHOOK_CLOCK) private readonly clock: WebhookClock,
    private readonly worker: WebhookDeliveryWorker,
    @Inject(METRICS) metrics: MetricsRegistry,
  ) {
    this.enqueueFailures = metrics.counter({
      name: 'tnt_webhook_enqueue_failures_total',
      help: 'Writes of webhook deliveries into the outbox the store refused (each is retried until it succeeds)',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const since = await this.outbox.open(new Date(this.clock.now()));
    const start = await this.sessions.subscribe(this.subscriber, ALL_CALLS);
    start.goLive();
    const endpoints = this.config.extensions.webhooks.endpoints.map(
      (endpoint) => `${new URL(endpoint.url).origin} (${endpoint.events.join(', ')})`,
    );
    this.logger.log(`webhooks: ${endpoints.join(', ')}; observing calls stored since ${since.toISOString()}`);
    if (this.config.publicUrl === undefined)
      this.logger.warn('webhooks: TNT_PUBLIC_URL is unset, so call.ended carries its transcript link as a path');
    this.queue(() => this.catchUp());
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.sessions.unsubscribeAll(this.subscriber);
  }

  /** Resolves once every write queued so far is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Enqueues what the calls behind their cursor hold; resolves how many deliveries were new. */
  async catchUp(): Promise<number> {
    let added = 0;
    let after = 0;
    for (;;) {
      const behind = await this.outbox.callsBehind(after, CATCH_UP_PAGE);
      for (const call of behind) {
        const missed = (await this.events.eventsSince(call.callId, call.observedSeq)) ?? [];
        for (const event of missed.filter(makesDeliveries)) added += await this.enqueueEvent(event);
        // Everything read is handled: the next start need not read it again.
        const last = missed[missed.length - 1];
        if (last) await this.outbox.enqueue([], { callId: call.callId, observedSeq: last.seq });
      }
      if (behind.length < CATCH_UP_PAGE) break;
      after = behind[behind.length - 1].position;
    }
    if (added > 0) this.logger.warn(`webhooks: ${added} delivery(ies) of events stored before the last stop were enqueued now`);
    return added;
  }

  private async enqueueEvent(event: CallEventMessage): Promise<number> {
    const endpoints = this.config.extensions.webhooks.endpoints;
    const now = this.clock.now();
    let deliveries: NewWebhookDelivery[] = [];
    if (event.type === 'insight') deliveries = alertDeliveries(event, endpoints, now);
    else if (event.type === 'call')
      deliveries = callEndedDeliveries(
        event,
        { insights: await this.insightsOf(event.call), publicBaseUrl: this.publicBaseUrl() },
        endpoints,
        now,
      );
    const added = await this.outbox.enqueue(deliveries, { callId: callIdOf(event), observedSeq: event.seq });
    if (added > 0) this.worker.wake();
    return added;
  }

  private async insightsOf(call: CallInfo) {
    const snapshot = await this.events.snapshot(call.id);
    if (!snapshot) this.logger.warn({ msg: 'webhooks: the call is no longer held whole; call.ended lists no alerts', callId: call.id });
    return snapshot?.insights ?? [];
  }

  private publicBaseUrl(): string | undefined {
    const base = this.config.publicUrl;
    return base === undefined ? undefined : base.replace(/^ws(s?):/, 'http$1:');
  }

  /** Runs `write` after the writes before it, retrying it with back-off until the store takes it. */
  private queue(write: () => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      for (let attempt = 1; !this.stopped; attempt++) {
        try {
          await write();
          if (this.failingSince !== undefined) this.logger.log('webhooks: the outbox takes deliveries again');
          this.failingSince = undefined;
          return;
        } catch (error) {
          this.enqueueFailures.inc();
          if (this.failingSince === undefined) {
            this.failingSince = this.clock.now();
            this.logger.error(
              `webhooks: the store refused webhook deliveries (${error instanceof Error ? error.message : String(error)}); ` +
                'they are retried until it takes them and nothing is skipped. Check the call store (TNT_STORE).',
            );
          }
          await new Promise((retry) => this.clock.setTimeout(() => retry(undefined), Math.min(MAX_ENQUEUE_RETRY_MS, 250 * 2 ** attempt)));
        }
      }
    });
  }
}
