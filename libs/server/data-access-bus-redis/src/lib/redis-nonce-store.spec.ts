import { eventually } from '@tnt/shared/util-testing/eventually';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { deleteKeysWithPrefix, RecordingMetrics, RedisServerProcess } from '../testing';
import { NonceStoreUnavailable, RedisNonceStore, type RedisNonceStoreOptions } from './redis-nonce-store';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `tnt-test-${randomUUID()}:`;
const NOW_MS = 1_700_000_000_000;

describe('RedisNonceStore', () => {
  const open: RedisNonceStore[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const logger = {
    log: (line: string) => infos.push(line),
    warn: (line: string) => warnings.push(line),
    error: (line: string) => warnings.push(line),
  };

  function store(options: Partial<RedisNonceStoreOptions> = {}): RedisNonceStore {
    const created = new RedisNonceStore({ url: URL, keyPrefix: PREFIX, logger, now: () => NOW_MS, ...options });
    open.push(created);
    return created;
  }

  beforeEach(() => {
    warnings.length = 0;
    infos.length = 0;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((created) => created.close()));
  });
  afterAll(() => deleteKeysWithPrefix(URL, PREFIX));

  it('remembers a nonce once, for every instance: a second remember, from another connection too, is a replay', async () => {
    const first = store();
    const second = store();
    const nonce = randomUUID();
    await expect(first.remember('key-a', nonce, NOW_MS + 60_000)).resolves.toBe(true);
    await expect(first.remember('key-a', nonce, NOW_MS + 60_000)).resolves.toBe(false);
    await expect(second.remember('key-a', nonce, NOW_MS + 60_000)).resolves.toBe(false);
    // The same nonce under another key is another entry.
    await expect(second.remember('key-b', nonce, NOW_MS + 60_000)).resolves.toBe(true);
  });

  it('keeps the entry under the configured prefix until the given time, with a digest of the key id, never the key id', async () => {
    const nonce = randomUUID();
    await store().remember('secret-api-key-0001', nonce, NOW_MS + 60_000);
    const reader = new Redis(URL);
    try {
      const keys = await reader.keys(`${PREFIX}audiohook:nonce:*:${nonce}`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain('secret-api-key-0001');
      const ttl = await reader.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      await reader.quit();
    }
  });

  it('forgets a nonce once its time has passed', async () => {
    const nonces = store();
    const nonce = randomUUID();
    // 50 ms left on the store's clock: Redis expires the entry shortly after.
    await expect(nonces.remember('key-a', nonce, NOW_MS + 50)).resolves.toBe(true);
    await expect(nonces.remember('key-a', nonce, NOW_MS + 50)).resolves.toBe(false);
    await eventually(() => nonces.remember('key-a', nonce, NOW_MS + 60_000), 'the expired nonce is new again', { timeoutMs: 3000 });
    await expect(nonces.remember('key-a', nonce, NOW_MS + 60_000)).resolves.toBe(false);
  });

  it('rejects every check while Redis is away, logs the outage once with what to do, counts it, and works again after', async () => {
    const server = await RedisServerProcess.start();
    try {
      const metrics = new RecordingMetrics();
      const nonces = store({ url: server.url, metrics, commandTimeoutMs: 500 });
      await expect(nonces.remember('key-a', 'before', NOW_MS + 60_000)).resolves.toBe(true);
      await server.stop();
      for (const nonce of ['during-1', 'during-2', 'during-3']) {
        await expect(nonces.remember('key-a', nonce, NOW_MS + 60_000)).rejects.toBeInstanceOf(NonceStoreUnavailable);
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('503');
      expect(warnings[0]).toContain('TNT_REDIS_URL');
      expect(metrics.counts.get('tnt_audiohook_nonce_store_outages_total')).toBe(1);
      expect(metrics.counts.get('tnt_audiohook_nonce_checks_unavailable_total')).toBe(3);

      await server.restart();
      await eventually(
        () => nonces.remember('key-a', `after-${randomUUID()}`, NOW_MS + 60_000).catch(() => false),
        'checks work again once Redis is back',
        { timeoutMs: 5000 },
      );
      expect(infos.some((line) => line.includes('again'))).toBe(true);
      expect(warnings).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('rejects a check after close', async () => {
    const nonces = store();
    await nonces.close();
    await expect(nonces.remember('key-a', randomUUID(), NOW_MS + 60_000)).rejects.toBeInstanceOf(NonceStoreUnavailable);
  });
});
