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
import type { SqliteDatabase } from './sqlite-driver';

const OPENED_AT = 'opened-at';

/**
 * The webhook outbox in the SQLite call store (migration 5). One process writes the database, so a
 * claim is one `UPDATE … RETURNING` in a transaction: the lease only matters for a delivery whose
 * worker was killed (it becomes claimable when the lease runs out, after the restart too).
 */
export class SqliteWebhookOutbox implements WebhookOutbox {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = prepareStatements(db);
  }

  open(at: Date): Promise<Date> {
    this.statements.recordState.run(OPENED_AT, at.toISOString());
    return Promise.resolve(new Date(this.statements.state.get(OPENED_AT) as string));
  }

  enqueue(deliveries: readonly NewWebhookDelivery[], cursor: { callId: string; observedSeq: number }): Promise<number> {
    return this.run(() =>
      this.db.transaction(() => {
        let added = 0;
        for (const delivery of deliveries) {
          added += this.statements.insert.run(
            delivery.idempotencyKey,
            delivery.callId,
            delivery.seq,
            delivery.event,
            delivery.url,
            delivery.payload,
            delivery.createdAt,
            delivery.createdAt,
          ).changes;
        }
        this.statements.advanceCursor.run(cursor.callId, cursor.observedSeq);
        return added;
      })(),
    );
  }

  callsBehind(after: number, limit: number): Promise<CallBehind[]> {
    return this.run(() => {
      const since = (this.statements.state.get(OPENED_AT) as string | undefined) ?? new Date(0).toISOString();
      return (this.statements.callsBehind.all(after, since, limit) as { number: number; id: string; observed_seq: number }[]).map(
        (row) => ({ callId: row.id, observedSeq: row.observed_seq, position: row.number }),
      );
    });
  }

  claimDue(claim: WebhookClaim): Promise<WebhookDelivery[]> {
    return this.run(() =>
      (this.statements.claim.all(claim.owner, claim.now + claim.leaseMs, claim.now, claim.now, claim.limit) as WebhookDeliveryRow[])
        .map(webhookDeliveryOf)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id),
    );
  }

  recordSuccess(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    return this.run(() => this.statements.succeed.run(attempt.status ?? null, attempt.at, id, owner).changes === 1);
  }

  recordFailure(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    return this.run(() => {
      const result =
        attempt.retryAt === undefined
          ? this.statements.giveUp.run(attempt.error ?? null, attempt.status ?? null, attempt.at, id, owner)
          : this.statements.retryLater.run(attempt.retryAt, attempt.error ?? null, attempt.status ?? null, id, owner);
      return result.changes === 1;
    });
  }

  listFailures(filter: WebhookFailureFilter, limit: number): Promise<WebhookDelivery[]> {
    return this.run(() =>
      (this.statements[filter === 'dead' ? 'listDead' : 'listFailed'].all(limit) as WebhookDeliveryRow[]).map(webhookDeliveryOf),
    );
  }

  pendingCount(): Promise<number> {
    return this.run(() => this.statements.pendingCount.get() as number);
  }

  /** Runs a synchronous database step; its exception becomes the rejection. */
  private run<T>(step: () => T): Promise<T> {
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}

function prepareStatements(db: SqliteDatabase) {
  // Only the lease holder settles a delivery, and only once.
  const held = "status = 'pending' AND id = ? AND lease_owner = ?";
  return {
    state: db.prepare('SELECT value FROM webhook_state WHERE name = ?').pluck(),
    recordState: db.prepare('INSERT OR IGNORE INTO webhook_state (name, value) VALUES (?, ?)'),
    insert: db.prepare(
      `INSERT OR IGNORE INTO webhook_deliveries (idempotency_key, call_id, seq, event, url, payload, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    advanceCursor: db.prepare(
      `INSERT INTO webhook_observed_calls (call_id, observed_seq) VALUES (?, ?)
       ON CONFLICT (call_id) DO UPDATE SET observed_seq = max(observed_seq, excluded.observed_seq)`,
    ),
    callsBehind: db.prepare(
      `SELECT c.number, c.id, coalesce(o.observed_seq, 0) AS observed_seq
       FROM calls c LEFT JOIN webhook_observed_calls o ON o.call_id = c.id
       WHERE c.number > ? AND c.last_event_at >= ? AND c.last_seq > coalesce(o.observed_seq, 0)
       ORDER BY c.number LIMIT ?`,
    ),
    claim: db.prepare(
      `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?
       WHERE id IN (SELECT id FROM webhook_deliveries
                    WHERE status = 'pending' AND next_attempt_at <= ? AND coalesce(lease_until, 0) <= ?
                    ORDER BY next_attempt_at, id LIMIT ?)
       RETURNING *`,
    ),
    succeed: db.prepare(
      `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, finished_at = ?,
         lease_owner = NULL, lease_until = NULL WHERE ${held}`,
    ),
    retryLater: db.prepare(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, last_status = ?,
         lease_owner = NULL, lease_until = NULL WHERE ${held}`,
    ),
    giveUp: db.prepare(
      `UPDATE webhook_deliveries SET status = 'dead', attempts = attempts + 1, last_error = ?, last_status = ?, finished_at = ?,
         lease_owner = NULL, lease_until = NULL WHERE ${held}`,
    ),
    listFailed: db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'pending' AND attempts > 0 ORDER BY id DESC LIMIT ?"),
    listDead: db.prepare("SELECT * FROM webhook_deliveries WHERE status = 'dead' ORDER BY id DESC LIMIT ?"),
    pendingCount: db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").pluck(),
  };
}
