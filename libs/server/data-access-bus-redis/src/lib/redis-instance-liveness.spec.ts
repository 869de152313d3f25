import { randomUUID } from 'node:crypto';
import { deleteKeysWithPrefix, eventually, ManualTimers } from '../testing';
import { RedisInstanceLiveness } from './redis-instance-liveness';

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
    await eventually(async () => !(await observer.isAlive('owner')), 'the owner key expired', 3000);
    expect(timers.size).toBe(1);
  });

  it('logs once when a renewal finds that its key had expired, and is alive again afterwards', async () => {
    const timers = new ManualTimers();
    const owner = liveness('paused', timers);
    await owner.start();
    await owner.renew();
    expect(warnings).toEqual([]);
    await eventually(async () => !(await owner.isAlive('paused')), 'the paused key expired', 3000);
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

  it('refuses a renewal period that is not below the lease', () => {
    expect(() => new RedisInstanceLiveness({ url: URL, keyPrefix: PREFIX, instanceId: 'x', leaseMs: 100, renewMs: 100 })).toThrow(
      'renewMs (100) must be positive and below leaseMs (100)',
    );
  });
});
