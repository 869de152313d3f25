import { KeyedTokenBuckets } from './keyed-token-buckets';

describe('KeyedTokenBuckets', () => {
  it('throttles each key on its own', () => {
    let now = 0;
    const buckets = new KeyedTokenBuckets({ perSecond: 1, burst: 2 }, 100, () => now);
    expect([buckets.tryTake('a').allowed, buckets.tryTake('a').allowed, buckets.tryTake('a').allowed]).toEqual([true, true, false]);
    expect(buckets.tryTake('b').allowed).toBe(true);
    now = 1000;
    expect(buckets.tryTake('a').allowed).toBe(true);
  });

  it('tells a refused key when to retry', () => {
    const now = 0;
    const buckets = new KeyedTokenBuckets({ perSecond: 0.5, burst: 1 }, 100, () => now);
    buckets.tryTake('ip');
    const refused = buckets.tryTake('ip');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 2000 });
  });

  it('stays within maxKeys under a flood of distinct keys', () => {
    const buckets = new KeyedTokenBuckets({ perSecond: 1, burst: 1 }, 3, () => 0);
    for (let index = 0; index < 50; index++) buckets.tryTake(`spray-${index}`);
    expect(buckets.size).toBe(3);
  });

  it('forgets refilled keys before throttled ones when full', () => {
    let now = 0;
    const buckets = new KeyedTokenBuckets({ perSecond: 1, burst: 1 }, 3, () => now);
    buckets.tryTake('quiet');
    now = 2000;
    buckets.tryTake('attacker');
    buckets.tryTake('other');
    buckets.tryTake('newcomer');
    // Had the attacker been forgotten, it would come back with a full bucket and be allowed.
    expect(buckets.tryTake('attacker').allowed).toBe(false);
    expect(buckets.size).toBe(3);
  });

  it('rejects a maxKeys that is not a positive integer', () => {
    expect(() => new KeyedTokenBuckets({ perSecond: 1, burst: 1 }, 0)).toThrow(
      'KeyedTokenBuckets maxKeys must be a positive integer (got 0)',
    );
  });
});
