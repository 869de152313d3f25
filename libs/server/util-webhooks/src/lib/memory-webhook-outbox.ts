import type { CallInfo } from '@tnt/protocol';
import type {
  CallBehind,
  NewWebhookDelivery,
  WebhookAttempt,
  WebhookClaim,
  WebhookDelivery,
  WebhookFailureFilter,
  WebhookOutbox,
} from './webhook-outbox';

interface HeldDelivery extends WebhookDelivery {
  leaseOwner?: string;
  leaseUntil?: number;
}

/**
 * The outbox in memory, for `TNT_STORE=memory` and tests: it keeps the contract within one process
 * (nothing survives a restart, as nothing of the calls does). `storedCalls` lists the calls the
 * memory store holds, for {@link callsBehind}.
 */
export class MemoryWebhookOutbox implements WebhookOutbox {
  private readonly deliveries = new Map<string, HeldDelivery>();
  private readonly cursors = new Map<string, number>();
  private openedAt: Date | undefined;
  private nextId = 1;

  constructor(private readonly storedCalls: () => Promise<CallInfo[]> = () => Promise.resolve([])) {}

  open(at: Date): Promise<Date> {
    this.openedAt ??= at;
    return Promise.resolve(this.openedAt);
  }

  enqueue(deliveries: readonly NewWebhookDelivery[], cursor: { callId: string; observedSeq: number }): Promise<number> {
    let added = 0;
    for (const delivery of deliveries) {
      if (this.deliveries.has(delivery.idempotencyKey)) continue;
      this.deliveries.set(delivery.idempotencyKey, {
        ...delivery,
        id: this.nextId++,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: delivery.createdAt,
      });
      added++;
    }
    this.cursors.set(cursor.callId, Math.max(this.cursors.get(cursor.callId) ?? 0, cursor.observedSeq));
    return Promise.resolve(added);
  }

  async callsBehind(after: number, limit: number): Promise<CallBehind[]> {
    // Oldest first, numbered by position in that order.
    const calls = (await this.storedCalls()).reverse();
    const behind: CallBehind[] = [];
    calls.forEach((call, index) => {
      const observedSeq = this.cursors.get(call.id) ?? 0;
      if (index + 1 > after && (call.lastSeq ?? 0) > observedSeq) behind.push({ callId: call.id, observedSeq, position: index + 1 });
    });
    return behind.slice(0, limit);
  }

  claimDue(claim: WebhookClaim): Promise<WebhookDelivery[]> {
    const due = [...this.deliveries.values()]
      .filter((held) => held.status === 'pending' && held.nextAttemptAt <= claim.now && (held.leaseUntil ?? 0) <= claim.now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id)
      .slice(0, claim.limit);
    for (const held of due) {
      held.leaseOwner = claim.owner;
      held.leaseUntil = claim.now + claim.leaseMs;
    }
    return Promise.resolve(due.map(publicView));
  }

  recordSuccess(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    return this.settle(id, owner, (held) => ({
      ...held,
      status: 'delivered',
      attempts: held.attempts + 1,
      lastStatus: attempt.status,
      finishedAt: attempt.at,
    }));
  }

  recordFailure(id: number, owner: string, attempt: WebhookAttempt): Promise<boolean> {
    return this.settle(id, owner, (held) => ({
      ...held,
      status: attempt.retryAt === undefined ? 'dead' : 'pending',
      attempts: held.attempts + 1,
      nextAttemptAt: attempt.retryAt ?? held.nextAttemptAt,
      lastError: attempt.error,
      lastStatus: attempt.status,
      ...(attempt.retryAt === undefined ? { finishedAt: attempt.at } : {}),
    }));
  }

  listFailures(filter: WebhookFailureFilter, limit: number): Promise<WebhookDelivery[]> {
    const matching = [...this.deliveries.values()].filter((held) =>
      filter === 'dead' ? held.status === 'dead' : held.status === 'pending' && held.attempts > 0,
    );
    return Promise.resolve(matching.reverse().slice(0, limit).map(publicView));
  }

  pendingCount(): Promise<number> {
    return Promise.resolve([...this.deliveries.values()].filter((held) => held.status === 'pending').length);
  }

  private settle(id: number, owner: string, change: (held: HeldDelivery) => HeldDelivery): Promise<boolean> {
    const held = [...this.deliveries.values()].find((candidate) => candidate.id === id);
    if (!held || held.status !== 'pending' || held.leaseOwner !== owner) return Promise.resolve(false);
    this.deliveries.set(held.idempotencyKey, { ...change(held), leaseOwner: undefined, leaseUntil: undefined });
    return Promise.resolve(true);
  }
}

function publicView(held: HeldDelivery): WebhookDelivery {
  const view: HeldDelivery = { ...held };
  delete view.leaseOwner;
  delete view.leaseUntil;
  for (const key of Object.keys(view) as (keyof HeldDelivery)[]) if (view[key] === undefined) delete view[key];
  return view;
}
