import { Inject, Injectable, Logger } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { TntError } from '@tnt/protocol';
import { ConnectionLimiter, TokenBucket } from '@tnt/server/util-rate-limit';
import { isOriginAllowed, sanitizeForLog } from '@tnt/server/util-security';
import type { IncomingMessage } from 'node:http';
import { authFailure, AUTH_ERROR_CODES, type AuthFailure } from './auth-errors';
import { extractUpgradeToken } from './credential-extraction';
import { IngestAuthenticator, type IngestAccepted, type IngestEndpoint } from './ingest-authenticator';
import { attachAuthentication, type RequestAuthentication } from './request-principal';
import { TokenVerifier } from './token-verifier';

/** The settings upgrades are checked with (a slice of the gateway configuration). */
export type UpgradeSettings = Pick<TntConfig, 'allowedOrigins' | 'publicUrl' | 'maxConnectionsPerUser' | 'maxConnectionsPerIp'>;

/** An upgrade that may proceed to the WebSocket handshake. */
export interface UpgradeAccepted extends RequestAuthentication {
  readonly ok: true;
}

/** An upgrade to refuse with an HTTP answer before the WebSocket opens. */
export interface UpgradeRefusal {
  readonly ok: false;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Headers for the refusal (`WWW-Authenticate`, `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;
}

function refusal(failure: AuthFailure): UpgradeRefusal {
  const headers: Record<string, string> = {};
  if (failure.status === 401) {
    headers['WWW-Authenticate'] =
      failure.code === AUTH_ERROR_CODES.TOKEN_EXPIRED
        ? 'Bearer error="invalid_token", error_description="the token has expired"'
        : 'Bearer';
  }
  if (failure.status === 503) headers['Retry-After'] = '5';
  return { ok: false, status: failure.status, code: failure.code, message: failure.message, headers };
}

function limitRefusal(error: TntError): UpgradeRefusal {
  const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
  return { ok: false, status: error.httpStatus, code: error.code, message: error.message, headers };
}

/**
 * Checks WebSocket upgrades before the socket opens, so an unauthenticated client never gets a
 * WebSocket: the UI socket needs an allowed origin, a valid token and room under the per-user
 * and per-address connection limits; the ingest sockets need an API key or a Twilio signature.
 * Every refusal is logged once with the address, the code and the reason, never the credential
 * (and at most ~10 lines per second, so a flood of bad upgrades cannot flood the log).
 */
@Injectable()
export class UpgradeAuthenticator {
  private readonly logger = new Logger('UpgradeAuth');
  private readonly connections = new ConnectionLimiter();
  private readonly logAllowance = new TokenBucket({ perSecond: 10, burst: 20 });
  private unloggedRefusals = 0;

  constructor(
    @Inject(TNT_CONFIG) private readonly settings: UpgradeSettings,
    private readonly tokens: TokenVerifier,
    private readonly ingest: IngestAuthenticator,
  ) {}

  /**
   * Authenticates a UI-socket upgrade (`/ws`). On success the principal is attached to the
   * request (read it with `authenticationOf(request)` in `handleConnection`) and the connection
   * counts against its user's and address's limits until the TCP socket closes.
   */
  async authenticateUpgrade(request: IncomingMessage): Promise<UpgradeAccepted | UpgradeRefusal> {
    const address = request.socket.remoteAddress ?? 'unknown';
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, request.headers.host, this.settings)) {
      return this.refuse(
        request,
        refusal(authFailure(AUTH_ERROR_CODES.ORIGIN_NOT_ALLOWED, `origin ${sanitizeForLog(origin ?? '', 100)} is not allowed`)),
      );
    }
    const credential = extractUpgradeToken(request);
    if (credential === undefined) {
      return this.refuse(
        request,
        refusal(
          authFailure(AUTH_ERROR_CODES.UNAUTHORIZED, 'a token is required: Sec-WebSocket-Protocol "bearer, <token>" or ?token=<token>'),
        ),
      );
    }
    const verified = await this.tokens.verify(credential.value);
    if (!verified.ok) return this.refuse(request, refusal(verified));
    const { principal } = verified;
    const admission = this.connections.tryAcquire([
      { key: `user:${principal.username}`, limit: this.settings.maxConnectionsPerUser, scope: 'user' },
      { key: `address:${address}`, limit: this.settings.maxConnectionsPerIp, scope: 'address' },
    ]);
    if (!admission.admitted) return this.refuse(request, limitRefusal(admission.error));
    // The place is held by the TCP socket: it is given back however the connection ends, even
    // if the handshake fails after this check or the client already went away.
    if (request.socket.destroyed) admission.lease.release();
    else request.socket.once('close', () => admission.lease.release());
    const authentication: RequestAuthentication = { principal, expiresAt: verified.expiresAt };
    attachAuthentication(request, authentication);
    return { ok: true, ...authentication };
  }

  /** Authenticates an ingest upgrade (`/ingest/twilio`, `/ingest/l16`, `/ingest/audiohook`). */
  async authenticateIngestUpgrade(request: IncomingMessage, endpoint: IngestEndpoint): Promise<IngestAccepted | UpgradeRefusal> {
    const outcome = await this.ingest.authenticate(request, endpoint);
    return outcome.ok ? outcome : this.refuse(request, refusal(outcome));
  }

  /** Open UI connections counted against `username`. */
  connectionsOfUser(username: string): number {
    return this.connections.count(`user:${username}`);
  }

  private refuse(request: IncomingMessage, refused: UpgradeRefusal): UpgradeRefusal {
    if (this.logAllowance.tryTake()) {
      const path = sanitizeForLog((request.url ?? '').split('?')[0], 100);
      const skipped = this.unloggedRefusals > 0 ? ` (${this.unloggedRefusals} earlier refusals not logged)` : '';
      this.unloggedRefusals = 0;
      this.logger.warn(
        `upgrade ${path} from ${request.socket.remoteAddress ?? 'unknown'} refused: ` +
          `${refused.status} ${refused.code}: ${refused.message}${skipped}`,
      );
    } else {
      this.unloggedRefusals++;
    }
    return refused;
  }
}
