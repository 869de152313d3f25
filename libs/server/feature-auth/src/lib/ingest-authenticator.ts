import { isValidTwilioSignature, matchesAnySecret, TWILIO_SIGNATURE_HEADER, twilioStreamUrl } from '@tnt/server/util-security';
import type { IncomingMessage } from 'node:http';
import { AudioHookAuthenticator, type AudioHookAuthSettings } from './audiohook-authenticator';
import { authFailure, AUTH_ERROR_CODES, type AuthFailure } from './auth-errors';
import { extractIngestApiKey, type CredentialSource } from './credential-extraction';

/** The ingest endpoints. */
export type IngestEndpoint = 'twilio' | 'l16' | 'audiohook';

/** Secrets the ingest endpoints are checked against. */
export interface IngestAuthSettings {
  /** Accepted API keys (TNT_INGEST_API_KEYS, or the generated ones). */
  readonly apiKeys: readonly string[];
  /** TNT_TWILIO_AUTH_TOKEN: enables `X-Twilio-Signature` on `/ingest/twilio`. */
  readonly twilioAuthToken?: string;
  /** TNT_PUBLIC_URL: the base of the URL Twilio signs; without it, the request's Host is used. */
  readonly publicUrl?: string;
  /** `/ingest/audiohook`'s credentials and rules; without them, only plain keys without a signature are taken there. */
  readonly audiohook?: Omit<AudioHookAuthSettings, 'apiKeys' | 'publicUrl'>;
}

/** An ingest upgrade that proved who sent it. */
export interface IngestAccepted {
  readonly ok: true;
  readonly method: 'api-key' | 'twilio-signature' | 'audiohook-signature';
  readonly source: CredentialSource | 'x-twilio-signature';
}

/** A refused ingest upgrade (401 `UNAUTHORIZED` mostly, see {@link AudioHookAuthenticator}; `message` is safe to log and send). */
export interface IngestRefused extends AuthFailure {
  readonly ok: false;
}

/** Outcome of {@link IngestAuthenticator.authenticate}. */
export type IngestAuthentication = IngestAccepted | IngestRefused;

function refused(message: string): IngestRefused {
  return { ok: false, ...authFailure(AUTH_ERROR_CODES.UNAUTHORIZED, message) };
}

/**
 * Decides whether an ingest upgrade may stream call audio:
 * - `/ingest/twilio` with an `X-Twilio-Signature` header, when a Twilio auth token is configured:
 *   the signature must match the `wss://` URL Twilio connected to (public URL + request path and
 *   query); a bad signature is refused even if an API key is present too;
 * - `/ingest/audiohook` as Genesys connects: see {@link AudioHookAuthenticator};
 * - otherwise (Twilio and L16) an API key: `X-API-Key`, `Authorization: Bearer`, or `?apiKey=`.
 */
export class IngestAuthenticator {
  private readonly audiohook: AudioHookAuthenticator;

  constructor(private readonly settings: IngestAuthSettings) {
    this.audiohook = new AudioHookAuthenticator({
      credentials: [],
      organizationIds: [],
      maxSignatureAgeSeconds: 60,
      now: Date.now,
      ...settings.audiohook,
      apiKeys: settings.apiKeys,
      publicUrl: settings.publicUrl,
    });
  }

  /** Checks one upgrade request for `endpoint` (asynchronous: an AudioHook nonce may be checked in Redis). */
  async authenticate(request: IncomingMessage, endpoint: IngestEndpoint): Promise<IngestAuthentication> {
    if (endpoint === 'audiohook') return this.audiohook.authenticate(request);
    const signatureHeader = request.headers[TWILIO_SIGNATURE_HEADER];
    const signature = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
    if (endpoint === 'twilio' && this.settings.twilioAuthToken !== undefined && signature !== undefined) {
      const valid = this.signedUrls(request).some((url) => isValidTwilioSignature(this.settings.twilioAuthToken as string, signature, url));
      return valid
        ? { ok: true, method: 'twilio-signature', source: 'x-twilio-signature' }
        : refused('the X-Twilio-Signature does not match');
    }
    const key = extractIngestApiKey(request);
    if (key === undefined) {
      const twilioHint = endpoint === 'twilio' && this.settings.twilioAuthToken !== undefined ? ' or a valid X-Twilio-Signature' : '';
      return refused(`ingest needs an API key (X-API-Key header, Authorization: Bearer, or ?apiKey=)${twilioHint}`);
    }
    if (!matchesAnySecret(key.value, this.settings.apiKeys)) return refused('the API key is not valid');
    return { ok: true, method: 'api-key', source: key.source };
  }

  /** The URLs Twilio may have signed for this request. */
  private signedUrls(request: IncomingMessage): string[] {
    const path = request.url ?? '/';
    if (this.settings.publicUrl !== undefined) return [twilioStreamUrl(this.settings.publicUrl, path)];
    const host = request.headers.host;
    if (host === undefined) return [];
    // Without a configured public URL, trust the Host header; Twilio only connects over wss.
    return [`wss://${host}${path}`, `ws://${host}${path}`];
  }
}
