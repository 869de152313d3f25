import { ConnectionLimiter, type ConnectionQuota } from './connection-limiter';
import { LIMIT_ERROR_CODES } from './limit-errors';

const quotas = (user: string, address: string): ConnectionQuota[] => [
  { key: `user:${user}`, limit: 2, scope: 'user' },
  { key: `ip:${address}`, limit: 3, scope: 'address' },
];

describe('ConnectionLimiter', () => {
  it('refuses the connection over a per-user limit with TOO_MANY_CONNECTIONS naming the scope', () => {
    const limiter = new ConnectionLimiter();
    expect(limiter.tryAcquire(quotas('ana', '10.0.0.1')).admitted).toBe(true);
    expect(limiter.tryAcquire(quotas('ana', '10.0.0.2')).admitted).toBe(true);
    const refused = limiter.tryAcquire(quotas('ana', '10.0.0.3'));
    expect(refused.admitted).toBe(false);
    if (refused.admitted) return;
    expect(refused.error.code).toBe(LIMIT_ERROR_CODES.TOO_MANY_CONNECTIONS);
    expect(refused.error.httpStatus).toBe(429);
    expect(refused.error.message).toBe('at most 2 connections per user');
  });

  it('counts all quotas or none, so a refused connection takes no place', () => {
    const limiter = new ConnectionLimiter();
    limiter.tryAcquire(quotas('ana', '10.0.0.1'));
    limiter.tryAcquire(quotas('ana', '10.0.0.1'));
    expect(limiter.tryAcquire(quotas('ana', '10.0.0.1')).admitted).toBe(false);
    expect(limiter.count('ip:10.0.0.1')).toBe(2);
    expect(limiter.tryAcquire(quotas('bob', '10.0.0.1')).admitted).toBe(true);
    const refused = limiter.tryAcquire(quotas('eve', '10.0.0.1'));
    expect(refused.admitted === false && refused.error.message).toBe('at most 3 connections per address');
  });

  it('gives the place back once on release, however often release is called', () => {
    const limiter = new ConnectionLimiter();
    const first = limiter.tryAcquire(quotas('ana', 'a'));
    limiter.tryAcquire(quotas('ana', 'a'));
    if (!first.admitted) throw new Error('expected admission');
    first.lease.release();
    first.lease.release();
    expect(limiter.count('user:ana')).toBe(1);
    expect(limiter.tryAcquire(quotas('ana', 'a')).admitted).toBe(true);
    expect(limiter.tryAcquire(quotas('ana', 'a')).admitted).toBe(false);
  });

  it('forgets keys that hold no connection', () => {
    const limiter = new ConnectionLimiter();
    const admission = limiter.tryAcquire(quotas('ana', 'a'));
    expect(limiter.activeKeys).toBe(2);
    if (admission.admitted) admission.lease.release();
    expect(limiter.activeKeys).toBe(0);
  });
});
