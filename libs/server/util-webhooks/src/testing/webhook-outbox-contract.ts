import type { NewWebhookDelivery, WebhookOutbox } from '../lib/webhook-outbox';

/** What a contract run needs of an adapter: a fresh outbox, and a way to store a call in the same store. */
export interface WebhookOutboxUnderTest {
  readonly outbox: WebhookOutbox;
  /** Stores a call whose last event has `lastSeq` (its events written the adapter's own way). */
  storeCall(callId: string, lastSeq: number): Promise<void>;
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 0, 1);

function delivery(callId: string, seq: number, url = 'http://127.0.0.1:9/hook'): NewWebhookDelivery {
  return {
    idempotencyKey: `${callId}:${seq}:${url}`,
    callId,
    seq,
    event: seq === 1 ? 'alert.raised' : 'call.ended',
    url,
    payload: JSON.stringify({ callId, seq }),
    createdAt: T0,
  };
}

/**
 * The behaviour every {@link WebhookOutbox} adapter must show (memory, SQLite, PostgreSQL). `open`
 * gives a fresh, empty store for each test.
 */
export function describeWebhookOutboxContract(name: string, open: () => Promise<WebhookOutboxUnderTest>): void {
  describe(`${name}: the webhook outbox contract`, () => {
    let subject: WebhookOutboxUnderTest;
    let outbox: WebhookOutbox;
    beforeEach(async () => {
      subject = await open();
      outbox = subject.outbox;
      await outbox.open(new Date(T0));
    });
    afterEach(() => subject?.close());

    it('holds each idempotency key once, however often it is enqueued', async () => {
      expect(await outbox.enqueue([delivery('c1', 1), delivery('c1', 2)], { callId: 'c1', observedSeq: 2 })).toBe(2);
      expect(
        await outbox.enqueue([delivery('c1', 2), delivery('c1', 2, 'http://127.0.0.1:9/other')], { callId: 'c1', observedSeq: 2 }),
      ).toBe(1);
      expect(await outbox.pendingCount()).toBe(3);
    });

    it('keeps the first recorded opening moment', async () => {
      expect((await outbox.open(new Date(T0 + 5000))).getTime()).toBe(T0);
    });

    it('lists stored calls whose events are not all observed, until the cursor reaches their last seq', async () => {
      await subject.storeCall('seen', 3);
      await subject.storeCall('unseen', 2);
      await outbox.enqueue([], { callId: 'seen', observedSeq: 3 });
      const behind = await outbox.callsBehind(0, 10);
      expect(behind.map(({ callId, observedSeq }) => ({ callId, observedSeq }))).toEqual([{ callId: 'unseen', observedSeq: 0 }]);
      await outbox.enqueue([delivery('unseen', 2)], { callId: 'unseen', observedSeq: 1 });
      expect((await outbox.callsBehind(0, 10)).map((call) => call.observedSeq)).toEqual([1]);
      // A cursor never moves back (a late observer of an older event).
      await outbox.enqueue([], { callId: 'unseen', observedSeq: 2 });
      await outbox.enqueue([], { callId: 'unseen', observedSeq: 1 });
      expect(await outbox.callsBehind(0, 10)).toEqual([]);
    });

    it('pages through the calls behind', async () => {
      for (const id of ['a', 'b', 'c']) await subject.storeCall(id, 2);
      const first = await outbox.callsBehind(0, 2);
      const rest = await outbox.callsBehind(first[first.length - 1].position, 2);
      expect([...first, ...rest].map((call) => call.callId)).toEqual(['a', 'b', 'c']);
    });

    it('leases due deliveries to one worker until the lease runs out', async () => {
      await outbox.enqueue([delivery('c1', 1), delivery('c1', 2)], { callId: 'c1', observedSeq: 2 });
      expect(await outbox.claimDue({ owner: 'w1', now: T0 - 1, leaseMs: 1000, limit: 10 })).toEqual([]);
      const claimed = await outbox.claimDue({ owner: 'w1', now: T0, leaseMs: 1000, limit: 1 });
      expect(claimed.map((claimedDelivery) => claimedDelivery.seq)).toEqual([1]);
      expect(claimed[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
        payload: '{"callId":"c1","seq":1}',
        url: 'http://127.0.0.1:9/hook',
      });
      expect((await outbox.claimDue({ owner: 'w2', now: T0 + 10, leaseMs: 1000, limit: 10 })).map((d) => d.seq)).toEqual([2]);
      expect(await outbox.claimDue({ owner: 'w3', now: T0 + 999, leaseMs: 1000, limit: 10 })).toEqual([]);
      // w1 died: its lease ran out, and w3 takes the delivery over; w1's late answer no longer counts.
      const retaken = await outbox.claimDue({ owner: 'w3', now: T0 + 1000, leaseMs: 1000, limit: 10 });
      expect(retaken.map((d) => d.seq)).toEqual([1]);
      expect(await outbox.recordSuccess(claimed[0].id, 'w1', { at: T0 + 1001, status: 200 })).toBe(false);
      expect(await outbox.recordSuccess(claimed[0].id, 'w3', { at: T0 + 1001, status: 204 })).toBe(true);
      expect(await outbox.pendingCount()).toBe(1);
      expect(await outbox.claimDue({ owner: 'w4', now: T0 + 10_000, leaseMs: 1000, limit: 10 })).toHaveLength(1);
    });

    it('retries a failed delivery from its retry time, and lists it as failed until it is delivered', async () => {
      await outbox.enqueue([delivery('c1', 2)], { callId: 'c1', observedSeq: 2 });
      const [claimed] = await outbox.claimDue({ owner: 'w1', now: T0, leaseMs: 1000, limit: 10 });
      expect(await outbox.recordFailure(claimed.id, 'w1', { at: T0 + 5, status: 503, error: 'HTTP 503', retryAt: T0 + 5000 })).toBe(true);
      expect(await outbox.claimDue({ owner: 'w1', now: T0 + 4999, leaseMs: 1000, limit: 10 })).toEqual([]);
      const [failed] = await outbox.listFailures('failed', 10);
      expect(failed).toMatchObject({
        id: claimed.id,
        status: 'pending',
        attempts: 1,
        lastStatus: 503,
        lastError: 'HTTP 503',
        nextAttemptAt: T0 + 5000,
      });
      const [again] = await outbox.claimDue({ owner: 'w1', now: T0 + 5000, leaseMs: 1000, limit: 10 });
      expect(again.attempts).toBe(1);
      await outbox.recordSuccess(again.id, 'w1', { at: T0 + 5001, status: 200 });
      expect(await outbox.listFailures('failed', 10)).toEqual([]);
      expect(await outbox.pendingCount()).toBe(0);
    });

    it('gives a delivery up when a failure has no retry time: dead, listed, never claimed again', async () => {
      await outbox.enqueue([delivery('c1', 2)], { callId: 'c1', observedSeq: 2 });
      const [claimed] = await outbox.claimDue({ owner: 'w1', now: T0, leaseMs: 1000, limit: 10 });
      await outbox.recordFailure(claimed.id, 'w1', { at: T0 + 7, error: 'connect ECONNREFUSED' });
      expect(await outbox.claimDue({ owner: 'w1', now: T0 + 1e9, leaseMs: 1000, limit: 10 })).toEqual([]);
      expect(await outbox.listFailures('dead', 10)).toEqual([
        expect.objectContaining({ id: claimed.id, status: 'dead', attempts: 1, lastError: 'connect ECONNREFUSED', finishedAt: T0 + 7 }),
      ]);
      expect(await outbox.listFailures('failed', 10)).toEqual([]);
      expect(await outbox.pendingCount()).toBe(0);
    });

    it('never leases one delivery to two workers claiming at once', async () => {
      const many = Array.from({ length: 20 }, (_, index) => delivery('c1', index + 2));
      await outbox.enqueue(many, { callId: 'c1', observedSeq: 21 });
      const claims = await Promise.all(['w1', 'w2', 'w3'].map((owner) => outbox.claimDue({ owner, now: T0, leaseMs: 1000, limit: 8 })));
      const ids = claims.flat().map((claimedDelivery) => claimedDelivery.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });
  });
}
