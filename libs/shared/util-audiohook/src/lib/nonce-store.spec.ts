import { MemoryNonceStore } from './nonce-store';

describe('MemoryNonceStore', () => {
  it('refuses a nonce of the same key until its time has passed, and keeps keys apart', async () => {
    let nowMs = 1_000_000;
    const nonces = new MemoryNonceStore(() => nowMs);
    await expect(nonces.remember('key-a', 'n1', nowMs + 60_000)).resolves.toBe(true);
    await expect(nonces.remember('key-a', 'n1', nowMs + 60_000)).resolves.toBe(false);
    await expect(nonces.remember('key-b', 'n1', nowMs + 60_000)).resolves.toBe(true);
    // A key id and nonce pair never spells another pair's entry.
    await expect(nonces.remember('key-a:n', '1', nowMs + 60_000)).resolves.toBe(true);
    nowMs += 61_000;
    await expect(nonces.remember('key-a', 'n1', nowMs + 60_000)).resolves.toBe(true);
  });
});
