/** Injection token of the accepted ingest API keys (`readonly string[]`): configured or generated. */
export const INGEST_API_KEYS = Symbol('INGEST_API_KEYS');

/**
 * Injection token of the AudioHook nonce store (`NonceStore` of `@tnt/shared/util-audiohook`): this
 * process's memory by default; in a cluster, Redis, shared by every instance (see `AuthModule.forRoot`).
 */
export const AUDIOHOOK_NONCES = Symbol('AUDIOHOOK_NONCES');
