/** The events TnT sends to webhook endpoints. */
export const WEBHOOK_EVENT_NAMES = ['call.ended', 'alert.raised'] as const;
/** One of {@link WEBHOOK_EVENT_NAMES}. */
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

/** A delivery to put in the outbox: one event for one endpoint, with the body it will carry. */
export interface NewWebhookDelivery {
  /** `<callId>:<seq>:<endpoint id>`: the same for every attempt and every instance that enqueues it. */
  readonly idempotencyKey: string;
  readonly callId: string;
  /** The seq of the call event the delivery is about. */
  readonly seq: number;
  readonly event: WebhookEventName;
  readonly url: string;
  /** The JSON body, made once, so every attempt sends the same bytes. */
  readonly payload: string;
  /** Milliseconds since the epoch (the enqueuer's clock); also the first attempt's due time. */
  readonly createdAt: number;
}

/** Where a delivery stands: waiting (possibly after failed attempts), delivered, or given up (`dead`). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A delivery as the outbox holds it. */
export interface WebhookDelivery extends NewWebhookDelivery {
  readonly id: number;
  readonly status: WebhookDeliveryStatus;
  /** Attempts made so far (failed ones, plus the successful one once delivered). */
  readonly attempts: number;
  /** When the next attempt is due (ms since the epoch). */
  readonly nextAttemptAt: number;
  /** Why the last failed attempt failed. */
  readonly lastError?: string;
  /** The HTTP status of the last attempt, when an answer came. */
  readonly lastStatus?: number;
  /** When it was delivered or given up. */
  readonly finishedAt?: number;
}

/** A stored call the observer has not seen every event of: its events after `observedSeq` may hold deliveries. */
export interface CallBehind {
  readonly callId: string;
  readonly observedSeq: number;
  /** Position for paging ({@link WebhookOutbox.callsBehind}'s `after`). */
  readonly position: number;
}

/** A worker's claim: up to `limit` deliveries due at `now`, leased to `owner` until `now + leaseMs`. */
export interface WebhookClaim {
  readonly owner: string;
  readonly now: number;
  readonly leaseMs: number;
  readonly limit: number;
}

/** The outcome of one attempt. */
export interface WebhookAttempt {
  readonly at: number;
  /** The endpoint's HTTP status, when it answered. */
  readonly status?: number;
  /** Why it failed (absent on success). */
  readonly error?: string;
  /** Failed attempts only: when to try again; absent: the delivery is given up (`dead`). */
  readonly retryAt?: number;
}

/** The failures supervisors can list: deliveries still retrying after a failed attempt, or given up. */
export type WebhookFailureFilter = 'failed' | 'dead';

/**
 * The webhook outbox: deliveries kept in the call store, so that a restart or a `kill -9` loses
 * none. Every method is a promise so a networked store implements it as well as an embedded one.
 *
 * - `enqueue` inserts each delivery once per idempotency key (a repeat, by a second observer or a
 *   replay after a restart, is ignored) and, in the same transaction, moves the call's observed
 *   cursor up to `observedSeq`; what was enqueued before the cursor never needs reading again.
 * - `callsBehind` lists stored calls whose last seq is above their cursor, among calls whose last
 *   event came after the outbox was first opened (`openedAt`, recorded once): after a restart the
 *   observer reads their events from the cursor, so an event stored just before a kill still gets
 *   its deliveries.
 * - `claimDue` leases due pending deliveries to one worker: no two live leases cover one delivery
 *   (PostgreSQL: `FOR UPDATE SKIP LOCKED`), and a lease that runs out (its worker died) makes the
 *   delivery claimable again. `recordSuccess` / `recordFailure` apply only while `owner` holds the lease.
 */
export interface WebhookOutbox {
  /** Records `at` as the moment calls are observed from, unless a moment is recorded already; returns the recorded one. */
  open(at: Date): Promise<Date>;
  /** Inserts the deliveries not yet held (by key) and moves the call's cursor up; resolves how many were new. */
  enqueue(deliveries: readonly NewWebhookDelivery[], cursor: { readonly callId: string; readonly observedSeq: number }): Promise<number>;
  /** Up to `limit` calls behind their cursor, after position `after` (0: from the first). */
  callsBehind(after: number, limit: number): Promise<CallBehind[]>;
  claimDue(claim: WebhookClaim): Promise<WebhookDelivery[]>;
  /** Marks a leased delivery delivered; false when `owner` no longer holds its lease. */
  recordSuccess(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean>;
  /** Counts a failed attempt: pending again from `retryAt`, or `dead` without one; false when `owner` no longer holds the lease. */
  recordFailure(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean>;
  /** Newest first: `failed` = pending after at least one failed attempt, `dead` = given up. */
  listFailures(filter: WebhookFailureFilter, limit: number): Promise<WebhookDelivery[]>;
  /** Deliveries not yet delivered nor given up. */
  pendingCount(): Promise<number>;
}

/** Injection token of the {@link WebhookOutbox}. */
export const WEBHOOK_OUTBOX = Symbol('WEBHOOK_OUTBOX');

/**
 * A `webhook_deliveries` row as a SQL driver returns it (the same columns in SQLite and
 * PostgreSQL; `pg` gives bigint columns as strings).
 */
export interface WebhookDeliveryRow {
  id: number | string;
  idempotency_key: string;
  call_id: string;
  seq: number;
  event: string;
  url: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  created_at: number | string;
  next_attempt_at: number | string;
  last_error: string | null;
  last_status: number | null;
  finished_at: number | string | null;
}

/** The delivery a `webhook_deliveries` row holds. */
export function webhookDeliveryOf(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: Number(row.id),
    idempotencyKey: row.idempotency_key,
    callId: row.call_id,
    seq: row.seq,
    event: row.event as WebhookEventName,
    url: row.url,
    payload: row.payload,
    createdAt: Number(row.created_at),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.last_status === null ? {} : { lastStatus: row.last_status }),
    ...(row.finished_at === null ? {} : { finishedAt: Number(row.finished_at) }),
  };
}
