import type { AudioHookCredential } from '@tnt/server/util-config';
import { MemoryNonceStore, SIGNATURE_CLOCK_SKEW_SECONDS, verifyHttpMessageSignature, type NonceStore } from '@tnt/shared/util-audiohook';
import { matchesAnySecret } from '@tnt/server/util-security';
import type { IncomingMessage } from 'node:http';
import { authFailure, AUTH_ERROR_CODES, type AuthErrorCode, type AuthFailure } from './auth-errors';

/** Secrets and rules `/ingest/audiohook` upgrades are checked against. */
export interface AudioHookAuthSettings {
  /** Genesys integrations' keys and client secrets (TNT_AUDIOHOOK_CREDENTIALS): a signature is required with these. */
  readonly credentials: readonly AudioHookCredential[];
  /** Plain ingest keys (TNT_INGEST_API_KEYS): accepted in `X-API-KEY` for an integration configured without a client secret. */
  readonly apiKeys: readonly string[];
  /** Organizations allowed (TNT_AUDIOHOOK_ORGANIZATION_IDS); empty: any. */
  readonly organizationIds: readonly string[];
  /** TNT_PUBLIC_URL: its host is the signed `@authority` behind a proxy; without it, the Host header is. */
  readonly publicUrl?: string;
  /** Oldest signature `created` accepted, in seconds. */
  readonly maxSignatureAgeSeconds: number;
  /** The clock, in milliseconds since the epoch. */
  readonly now: () => number;
  /**
   * Where accepted nonces are remembered: Redis, shared by every instance, in a cluster; this
   * process's memory otherwise (the default).
   */
  readonly nonces?: NonceStore;
}

/** An AudioHook upgrade that proved who sent it. */
export interface AudioHookAccepted {
  readonly ok: true;
  readonly method: 'audiohook-signature' | 'api-key';
  readonly source: 'x-api-key';
}

/** A refused AudioHook upgrade; `message` is safe to log and send (it never holds a key or a secret). */
export interface AudioHookRefused extends AuthFailure {
  readonly ok: false;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SESSION_HEADERS = ['audiohook-organization-id', 'audiohook-session-id', 'audiohook-correlation-id'] as const;

function refused(code: AuthErrorCode, message: string): AudioHookRefused {
  return { ok: false, ...authFailure(code, message) };
}

function single(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Decides whether a Genesys AudioHook upgrade may stream (protocol specification, "Establishing
 * Connection"): the three `Audiohook-*` ids as UUIDs (400 otherwise), an allowed organization (403),
 * `X-API-KEY` naming a configured key (401), and, for a key paired with a client secret, an
 * RFC 9421 signature over the request target, the authority, the `Audiohook-*` headers and the key,
 * fresh (`created`/`expires` within the clock skew) and with a nonce never accepted before (401).
 * A nonce that cannot be checked (the shared store is unreachable) refuses the upgrade with 503
 * `AUTH_UNAVAILABLE`, which Genesys retries: a nonce is never accepted unchecked.
 */
export class AudioHookAuthenticator {
  private readonly nonces: NonceStore;
  private readonly signedKeys: readonly string[];

  constructor(private readonly settings: AudioHookAuthSettings) {
    this.signedKeys = settings.credentials.map((credential) => credential.apiKey);
    this.nonces = settings.nonces ?? new MemoryNonceStore(settings.now);
  }

  async authenticate(request: IncomingMessage): Promise<AudioHookAccepted | AudioHookRefused> {
    const apiKey = single(request, 'x-api-key');
    if (apiKey === undefined || apiKey === '') return refused(AUTH_ERROR_CODES.UNAUTHORIZED, 'AudioHook needs the X-API-KEY header');
    for (const name of SESSION_HEADERS) {
      if (!UUID.test(single(request, name) ?? '')) return refused(AUTH_ERROR_CODES.VALIDATION_FAILED, `the ${name} header must be a UUID`);
    }
    const organization = (single(request, 'audiohook-organization-id') ?? '').toLowerCase();
    const { organizationIds } = this.settings;
    if (organizationIds.length > 0 && !organizationIds.some((id) => id.toLowerCase() === organization)) {
      return refused(AUTH_ERROR_CODES.FORBIDDEN, `organization ${organization} may not stream to this server`);
    }
    const signed = request.headers['signature'] !== undefined || request.headers['signature-input'] !== undefined;
    if (matchesAnySecret(apiKey, this.signedKeys)) return this.checkSignature(request, apiKey);
    if (!matchesAnySecret(apiKey, this.settings.apiKeys)) return refused(AUTH_ERROR_CODES.UNAUTHORIZED, 'the API key is not valid');
    // A plain ingest key has no client secret, so a signature made with one cannot be checked: refused, not ignored.
    if (signed) return refused(AUTH_ERROR_CODES.UNAUTHORIZED, 'the request is signed but its API key has no client secret configured');
    return { ok: true, method: 'api-key', source: 'x-api-key' };
  }

  private async checkSignature(request: IncomingMessage, apiKey: string): Promise<AudioHookAccepted | AudioHookRefused> {
    const nowSeconds = Math.floor(this.settings.now() / 1000);
    const maxAgeSeconds = this.settings.maxSignatureAgeSeconds;
    const verified = verifyHttpMessageSignature(
      { target: request.url ?? '/', authority: this.authority(request), headers: request.headers },
      {
        secretOf: (keyId) =>
          keyId === apiKey ? this.settings.credentials.find((entry) => entry.apiKey === keyId)?.clientSecret : undefined,
        nowSeconds,
        maxAgeSeconds,
      },
    );
    if (!verified.ok) return refused(AUTH_ERROR_CODES.UNAUTHORIZED, `signature refused (${verified.reason}): ${verified.message}`);
    // Only a signature that verified is remembered, until it could no longer be accepted anyway.
    const rememberUntilMs = (verified.created + maxAgeSeconds + SIGNATURE_CLOCK_SKEW_SECONDS) * 1000;
    let fresh: boolean;
    try {
      fresh = await this.nonces.remember(verified.keyId, verified.nonce, rememberUntilMs);
    } catch (error) {
      // The store logs and counts its outage; the upgrade is refused, never let through unchecked.
      const reason = error instanceof Error ? error.message : String(error);
      return refused(AUTH_ERROR_CODES.AUTH_UNAVAILABLE, `the signature's nonce cannot be checked now, retry later (${reason})`);
    }
    if (!fresh) return refused(AUTH_ERROR_CODES.UNAUTHORIZED, 'signature refused (replayed): its nonce was already used');
    return { ok: true, method: 'audiohook-signature', source: 'x-api-key' };
  }

  /** The `@authority` the client signed: the public URL's host behind a proxy, else the Host header. */
  private authority(request: IncomingMessage): string {
    if (this.settings.publicUrl !== undefined) return new URL(this.settings.publicUrl).host.toLowerCase();
    return (request.headers.host ?? '').toLowerCase();
  }
}
