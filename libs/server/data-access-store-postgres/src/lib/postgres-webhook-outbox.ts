import {
  type CallBehind,
  type NewWebhookDelivery,
  type WebhookAttempt,
  type WebhookClaim,
  type WebhookDelivery,
  type WebhookDeliveryRow,
  type WebhookFailureFilter,
  type WebhookOutbox,
  webhookDeliveryOf,
} from '@tnt/server/util-webhooks';
import type { Pool } from 'pg';
import type { SchemaObjects } from './schema-objects';

const OPENED_AT = 'opened-at';

/**
 * The webhook outbox in the PostgreSQL store every instance shares (migration 6). Each statement is
 * atomic on its own: `enqueue` inserts the deliveries and moves the cursor in one statement, and a
 * claim leases rows with `FOR UPDATE SKIP LOCKED`, so instances claiming at once never get one
 * delivery twice and never wait on each other's rows.
 */
export class PostgresWebhookOutbox implements WebhookOutbox {
  private readonly sql: ReturnType<typeof statements>;

  constructor(
    private readonly pool: Pool,
    objects: SchemaObjects,
  ) {
    this.sql = statements(objects);
  }

  async open(at: Date): Promise<Date> {
    const result = await this.pool.query<{ value: string }>(this.sql.open, [OPENED_AT, at.toISOString()]);
    return new Date(result.rows[0].value);
  }

  async enqueue(deliveries: readonly NewWebhookDelivery[], cursor: { callId: string; observedSeq: number }): Promise<number> {
    const column = <T>(pick: (delivery: NewWebhookDelivery) => T): T[] => deliveries.map(pick);
    const result = await this.pool.query<{ added: number }>(this.sql.enqueue, [
      column((delivery) => delivery.idempotencyKey),
      column((delivery) => delivery.callId),
      column((delivery) => delivery.seq),
      column((delivery) => delivery.event),
      column((delivery) => delivery.url),
      column((delivery) => delivery.payload),
      column((delivery) => delivery.createdAt),
      cursor.callId,
      cursor.observedSeq,
    ]);
    return result.rows[0].added;
  }

  async callsBehind(after: number, limit: number): Promise<CallBehind[]> {
    const result = await this.pool.query<{ number: string; id: string; observed_seq: number }>(this.sql.callsBehind, [
      after,
      OPENED_AT,
      limit,
    ]);
    return result.rows.map((row) => ({ callId: row.id, observedSeq: row.observed_seq, position: Number(row.number) }));
  }

  async claimDue(claim: WebhookClaim): Promise<WebhookDelivery[]> {
    const result = await this.pool.query<WebhookDeliveryRow>(this.sql.claim, [
      claim.owner,
      claim.now + claim.leaseMs,
      claim.now,
      claim.limit,
    ]);
    return result.rows.map(webhookDeliveryOf).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  }

  async recordSuccess(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    const result = await this.pool.query(this.sql.succeed, [attempt.status ?? null, attempt.at, id, owner]);
    return result.rowCount === 1;
  }

  async recordFailure(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    const result =
      attempt.retryAt === undefined
        ? await this.pool.query(this.sql.giveUp, [attempt.error ?? null, attempt.status ?? null, attempt.at, id, owner])
        : await this.pool.query(this.sql.retryLater, [attempt.retryAt, attempt.error ?? null, attempt.status ?? null, id, owner]);
    return result.rowCount === 1;
  }

  async listFailures(filter: WebhookFailureFilter, limit: number): Promise<WebhookDelivery[]> {
    const result = await this.pool.query<WebhookDeliveryRow>(filter === 'dead' ? this.sql.listDead : this.sql.listFailed, [limit]);
    return result.rows.map(webhookDeliveryOf);
  }

  async pendingCount(): Promise<number> {
    const result = await this.pool.query<{ count: number }>(this.sql.pendingCount);
    return result.rows[0].count;
  }
}

function statements(objects: SchemaObjects) {
  const deliveries = objects.webhookDeliveries;
  const observed = objects.webhookObservedCalls;
  // Only the lease holder settles a delivery, and only once.
  const held = "status = 'pending' AND id = $4 AND lease_owner = $5";
  return {
    open: `WITH recorded AS (
             INSERT INTO ${objects.webhookState} (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value)
           SELECT value FROM recorded UNION ALL SELECT value FROM ${objects.webhookState} WHERE name = $1 LIMIT 1`,
    enqueue: `WITH added AS (
                INSERT INTO ${deliveries} (idempotency_key, call_id, seq, event, url, payload, created_at, next_attempt_at)
                SELECT k, c, s, e, u, p, t, t
                FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[]) AS x (k, c, s, e, u, p, t)
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1),
              cursor AS (
                INSERT INTO ${observed} AS o (call_id, observed_seq) VALUES ($8, $9)
                ON CONFLICT (call_id) DO UPDATE SET observed_seq = GREATEST(o.observed_seq, excluded.observed_seq))
              SELECT count(*)::int AS added FROM added`,
    callsBehind: `SELECT c.number, c.id, coalesce(o.observed_seq, 0) AS observed_seq
                  FROM ${objects.calls} c LEFT JOIN ${observed} o ON o.call_id = c.id
                  WHERE c.number > $1
                    AND c.last_event_at >= (SELECT value::timestamptz FROM ${objects.webhookState} WHERE name = $2)
                    AND c.last_seq > coalesce(o.observed_seq, 0)
                  ORDER BY c.number LIMIT $3`,
    claim: `UPDATE ${deliveries} SET lease_owner = $1, lease_until = $2
            WHERE id IN (SELECT id FROM ${deliveries}
                         WHERE status = 'pending' AND next_attempt_at <= $3 AND coalesce(lease_until, 0) <= $3
                         ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
            RETURNING *`,
    succeed: `UPDATE ${deliveries} SET status = 'delivered', attempts = attempts + 1, last_status = $1, finished_at = $2,
                lease_owner = NULL, lease_until = NULL WHERE status = 'pending' AND id = $3 AND lease_owner = $4`,
    retryLater: `UPDATE ${deliveries} SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, last_status = $3,
                   lease_owner = NULL, lease_until = NULL WHERE ${held}`,
    giveUp: `UPDATE ${deliveries} SET status = 'dead', attempts = attempts + 1, last_error = $1, last_status = $2, finished_at = $3,
               lease_owner = NULL, lease_until = NULL WHERE ${held}`,
    listFailed: `SELECT * FROM ${deliveries} WHERE status = 'pending' AND attempts > 0 ORDER BY id DESC LIMIT $1`,
    listDead: `SELECT * FROM ${deliveries} WHERE status = 'dead' ORDER BY id DESC LIMIT $1`,
    pendingCount: `SELECT count(*)::int AS count FROM ${deliveries} WHERE status = 'pending'`,
  };
}
