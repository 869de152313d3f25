import { NonceRegistry } from './http-message-signature';

/**
 * Where accepted signature nonces are remembered, so that a captured upgrade cannot be replayed:
 * in this process ({@link MemoryNonceStore}) or, for a cluster, in a store every instance shares.
 */
export interface NonceStore {
  /**
   * Remembers `nonce` of the key `keyId` until `untilMs` (epoch milliseconds) and resolves true when
   * it was not remembered yet; resolves false for a replay. Rejects when the store cannot be reached:
   * the caller must then refuse, never accept a nonce it could not check.
   */
  remember(keyId: string, nonce: string, untilMs: number): Promise<boolean>;
}

/** The single-process {@link NonceStore}: a bounded {@link NonceRegistry} in memory (one instance, or tests). */
export class MemoryNonceStore implements NonceStore {
  private readonly registry: NonceRegistry;

  /** `now` is the clock expiry is judged by, in epoch milliseconds. */
  constructor(
    private readonly now: () => number = Date.now,
    capacity?: number,
  ) {
    this.registry = new NonceRegistry(capacity);
  }

  remember(keyId: string, nonce: string, untilMs: number): Promise<boolean> {
    // The key id's length first, so that no key id and nonce pair can spell another pair's entry.
    const entry = `${keyId.length}:${keyId}:${nonce}`;
    return Promise.resolve(this.registry.remember(entry, Math.floor(this.now() / 1000), Math.ceil(untilMs / 1000)));
  }
}
