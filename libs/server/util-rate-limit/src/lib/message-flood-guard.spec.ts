import { CLOSE_CODES } from '@tnt/protocol';
import { LIMIT_ERROR_CODES } from './limit-errors';
import { MessageFloodGuard, type FloodDecision } from './message-flood-guard';

describe('MessageFloodGuard', () => {
  it('accepts a burst, then rejects with RATE_LIMITED and a retry delay', () => {
    const now = 0;
    const guard = new MessageFloodGuard({ messagesPerSecond: 10, burst: 3 }, () => now);
    const decisions = Array.from({ length: 4 }, () => guard.admit());
    expect(decisions.slice(0, 3).map((decision) => decision.kind)).toEqual(['accept', 'accept', 'accept']);
    const rejected = decisions[3] as Extract<FloodDecision, { kind: 'reject' }>;
    expect(rejected.kind).toBe('reject');
    expect(rejected.error.code).toBe(LIMIT_ERROR_CODES.RATE_LIMITED);
    expect(rejected.error.httpStatus).toBe(429);
    expect(rejected.error.closeCode).toBeUndefined();
    expect(rejected.error.message).toBe('too many messages; retry in 100 ms');
  });

  it('notifies at most once per second while a flood goes on', () => {
    let now = 0;
    const guard = new MessageFloodGuard({ messagesPerSecond: 1, burst: 1, closeAfterRejected: 10_000 }, () => now);
    guard.admit();
    const notices: boolean[] = [];
    for (let tick = 0; tick < 30; tick++) {
      now += 90;
      const decision = guard.admit();
      if (decision.kind === 'reject') notices.push(decision.notify);
    }
    // 30 messages over 2.7 s while refilling 1/s: the refilled ones are accepted; three notices at most.
    expect(notices.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(notices.filter(Boolean).length).toBeLessThanOrEqual(3);
  });

  it('closes with 1008 a peer that keeps flooding after being told', () => {
    const now = 0;
    const guard = new MessageFloodGuard({ messagesPerSecond: 1, burst: 2, closeAfterRejected: 5 }, () => now);
    const kinds = Array.from({ length: 8 }, () => guard.admit().kind);
    expect(kinds).toEqual(['accept', 'accept', 'reject', 'reject', 'reject', 'reject', 'reject', 'close']);
    const closing = guard.admit() as Extract<FloodDecision, { kind: 'close' }>;
    expect(closing.error.closeCode).toBe(CLOSE_CODES.POLICY_VIOLATION);
  });

  it('forgives a peer that slows down before the close threshold', () => {
    let now = 0;
    const guard = new MessageFloodGuard({ messagesPerSecond: 1, burst: 1, closeAfterRejected: 3 }, () => now);
    guard.admit();
    guard.admit();
    guard.admit();
    now += 1000;
    expect(guard.admit().kind).toBe('accept');
    expect([guard.admit().kind, guard.admit().kind, guard.admit().kind]).toEqual(['reject', 'reject', 'reject']);
  });
});
