import { LIMIT_ERROR_CODES } from './limit-errors';
import { SubscriptionQuota } from './subscription-quota';

describe('SubscriptionQuota', () => {
  it('answers TOO_MANY_SUBSCRIPTIONS past the limit and keeps the connection usable', () => {
    const quota = new SubscriptionQuota(2);
    expect(quota.admit('call-1')).toBeUndefined();
    expect(quota.admit('*')).toBeUndefined();
    const error = quota.admit('call-2');
    expect(error?.code).toBe(LIMIT_ERROR_CODES.TOO_MANY_SUBSCRIPTIONS);
    expect(error?.message).toBe('a connection may hold at most 2 subscriptions');
    expect(error?.closeCode).toBeUndefined();
  });

  it('does not count a repeated subscribe to the same call twice', () => {
    const quota = new SubscriptionQuota(1);
    quota.admit('call-1');
    expect(quota.admit('call-1')).toBeUndefined();
    expect(quota.size).toBe(1);
  });

  it('frees a place on release', () => {
    const quota = new SubscriptionQuota(1);
    quota.admit('call-1');
    quota.release('call-1');
    expect(quota.admit('call-2')).toBeUndefined();
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new SubscriptionQuota(0)).toThrow('SubscriptionQuota limit must be a positive integer (got 0)');
  });
});
