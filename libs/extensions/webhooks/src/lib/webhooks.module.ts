import {
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Type,
  type ValueProvider,
} from '@nestjs/common';
import { AuthModule } from '@tnt/server/feature-auth';
import type { AdapterProvider } from '@tnt/server/feature-sessions';
import { MetricsModule } from '@tnt/server/util-metrics';
import { WEBHOOK_OUTBOX, type WebhookOutbox } from '@tnt/server/util-webhooks';
import { SYSTEM_WEBHOOK_CLOCK, WEBHOOK_CLOCK, type WebhookClock } from './webhook-clock';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveryWorker } from './webhook-delivery-worker';
import { WEBHOOK_EVENT_SOURCE, WebhookObserver, type WebhookEventSource } from './webhook-observer';

/** What `WebhooksModule.forRoot` runs on, chosen by the composition root. */
export interface WebhooksModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) whose calls are observed. */
  readonly sessions: DynamicModule;
  /** Modules whose exports the outbox and event-source factories inject (e.g. the storage module). */
  readonly imports?: ModuleMetadata['imports'];
  /** The outbox, in the same store as the calls (SQLite, PostgreSQL, memory). */
  readonly outbox: AdapterProvider<WebhookOutbox>;
  /** The call store, read for a call's alerts and for the events missed while the server was down. */
  readonly events: AdapterProvider<WebhookEventSource>;
  /** The auth module the rest of the server imports (its guard protects the deliveries API). Default: `AuthModule`. */
  readonly auth?: Type | DynamicModule;
  /** Time, randomness and timers; the system's by default (tests inject their own). */
  readonly clock?: WebhookClock;
}

type Provider = ValueProvider | ClassProvider | FactoryProvider;

/**
 * Webhooks as a team would add them: signed HTTP POSTs of `call.ended` and `alert.raised` to the
 * endpoints of `TNT_WEBHOOK_URLS`, at least once, through an outbox kept in the call store.
 *
 * - {@link WebhookObserver} hears every stored call event (`'*'`) and writes one outbox row per
 *   (event, endpoint) with a unique idempotency key `<callId>:<seq>:<endpoint id>`, moving the
 *   call's durable cursor in the same write; at start it reads what calls stored past their cursor
 *   (events stored just before a crash) and writes those rows too.
 * - {@link WebhookDeliveryWorker} claims due rows under a lease (PostgreSQL: `FOR UPDATE SKIP
 *   LOCKED`), POSTs each body signed with `TnT-Signature: t=…,v1=HMAC-SHA256(secret, "<t>.<body>")`,
 *   and retries failures with exponential back-off and jitter until the row is `dead`.
 * - `GET /api/webhooks/deliveries?status=failed|dead` lists failures for supervisors; `/metrics`
 *   counts deliveries, failed attempts and dead ones, and shows the outbox depth.
 *
 * A restart or `kill -9` loses no delivery: a row is written before the event's delivery is
 * attempted, an attempt cut short leaves a lease that runs out, and an event stored but not yet
 * observed is found by the start's catch-up. A delivery may arrive twice (the receiver answered
 * but the process died before recording it): always with the same idempotency key.
 */
@Module({})
export class WebhooksModule {
  static forRoot(options: WebhooksModuleOptions): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [options.auth ?? AuthModule, MetricsModule, options.sessions, ...(options.imports ?? [])],
      controllers: [WebhookDeliveriesController],
      providers: [
        { provide: WEBHOOK_OUTBOX, ...options.outbox } as Provider,
        { provide: WEBHOOK_EVENT_SOURCE, ...options.events } as Provider,
        { provide: WEBHOOK_CLOCK, useValue: options.clock ?? SYSTEM_WEBHOOK_CLOCK },
        WebhookDeliveryWorker,
        WebhookObserver,
      ],
      exports: [WebhookDeliveryWorker, WebhookObserver],
    };
  }
}
