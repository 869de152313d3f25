import { randomUUID } from 'node:crypto';
import { deleteKeysWithPrefix, ManualTimers, RedisServerProcess } from '../testing';
import { RedisInstanceLiveness } from './redis-instance-liveness';
import { eventually } from '@tnt/shared/util-testing/eventually';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `tnt-test-${randomUUID()}:`;

describe('RedisInstanceLiveness', () => {
  const warnings: string[] = [];
  const logger = { log: () => undefined, warn: (line: string) => warnings.push(line), error: (line: string) => warnings.push(line) };
  const started: RedisInstanceLiveness[] = [];

  beforeEach(() => {
    warnings.length = 0;
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((liveness) => liveness.stop()));
  });

  afterAll(() => deleteKeysWithPrefix(URL, PREFIX));

  function liveness(instanceId: string, timers: ManualTimers, leaseMs = 150): RedisInstanceLiveness {
    const instance = new RedisInstanceLiveness({ url: URL, keyPrefix: PREFIX, instanceId, leaseMs, renewMs: leaseMs / 3, timers, logger });
    started.push(instance);
    return instance;
  }

  it('reports an instance alive while it renews its key, and dead once it stops renewing past its lease', async () => {
    const timers = new ManualTimers();
    const owner = liveness('owner', timers);
    const observer = liveness('observer', new ManualTimers(), 10_000);
    await owner.start();
    await observer.start();
    expect(await observer.isAlive('owner')).toBe(true);
    expect(await observer.isAlive('never-started')).toBe(false);

    // The owner's renewal timer never fires (as if the process were paused): Redis expires the key.
    await eventually(async () => !(await observer.isAlive('owner')), 'the owner key expired', { timeoutMs: 3000 });
    expect(timers.size).toBe(1);
  });

  it('logs once when a renewal finds that its key had expired, and is alive again afterwards', async () => {
    const timers = new ManualTimers();
    const owner = liveness('paused', timers);
    await owner.start();
    await owner.renew();
    expect(warnings).toEqual([]);
    await eventually(async () => !(await owner.isAlive('paused')), 'the paused key expired', { timeoutMs: 3000 });
    await owner.renew();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('had expired');
    expect(await owner.isAlive('paused')).toBe(true);
    await owner.renew();
    expect(warnings).toHaveLength(1);
  });

  it('renews on its timer', async () => {
    const timers = new ManualTimers();
    const owner = liveness('renewing', timers, 300);
    await owner.start();
    timers.advance(100);
    await eventually(() => timers.size === 1, 'the next renewal was scheduled after the first');
    expect(warnings).toEqual([]);
  });

  it('deletes its key when stopped, so the others see it gone at once', async () => {
    const owner = liveness('stopping', new ManualTimers(), 10_000);
    const observer = liveness('observer', new ManualTimers(), 10_000);
    await owner.start();
    await observer.start();
    await owner.stop();
    expect(await observer.isAlive('stopping')).toBe(false);
  });

  it('does not take an instance for dead while a restarted, empty Redis is younger than a lease', async () => {
    const redis = await RedisServerProcess.start();
    const onPrivateRedis = (instanceId: string) => {
      const instance = new RedisInstanceLiveness({
        url: redis.url,
        keyPrefix: PREFIX,
        instanceId,
        // Redis reports its uptime in whole seconds, and the observer reconnects with back-off: a lease of a few
        // seconds leaves the first answer inside it however slowly the reconnect goes on a busy machine.
        leaseMs: 4000,
        renewMs: 300,
        timers: new ManualTimers(),
        logger,
      });
      started.push(instance);
      return instance;
    };
    try {
      const owner = onPrivateRedis('owner');
      const observer = onPrivateRedis('observer');
      await owner.start();
      await observer.start();
      await redis.stop();
      await redis.restart();
      // The owner has not renewed since (its timer never fires): its key is gone with the old server.
      const answer = () => observer.isAlive('owner').catch(() => undefined);
      let first: boolean | undefined;
      await eventually(async () => (first = await answer()) !== undefined, 'the observer reconnected', { timeoutMs: 5000 });
      expect(first).toBe(true);
      await eventually(async () => (await answer()) === false, 'the restarted Redis is older than a lease', { timeoutMs: 10_000 });
    } finally {
      await Promise.all(started.splice(0).map((liveness) => liveness.stop()));
      await redis.stop();
    }
  }, 20_000);

  it('refuses a renewal period that is not below the lease', () => {
    expect(() => new RedisInstanceLiveness({ url: URL, keyPrefix: PREFIX, instanceId: 'x', leaseMs: 100, renewMs: 100 })).toThrow(
      'renewMs (100) must be positive and below leaseMs (100)',
    );
  });
});
