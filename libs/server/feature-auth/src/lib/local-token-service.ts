import { isUserRole } from '@tnt/server/data-access-users';
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { AUTH_ERROR_CODES } from './auth-errors';
import type { Principal } from './principal';
import { rejectionFromJoseError, rejectToken, type TokenVerification } from './token-verification';

/** `iss` and `aud` of the gateway's own tokens, so they are never mistaken for another system's. */
export const LOCAL_TOKEN_ISSUER = 'tnt';

/** The only algorithm the gateway signs and accepts for its own tokens. */
export const LOCAL_TOKEN_ALGORITHM = 'HS256';

/** A freshly signed token. */
export interface IssuedToken {
  /** The compact JWT. A secret: never log it. */
  readonly token: string;
  readonly expiresAt: Date;
  readonly principal: Principal;
}

/**
 * Issues and verifies the gateway's own tokens: HS256 JWTs with `sub` (username), `role`,
 * `agentId` (agents), `iss`/`aud` `tnt`, `iat`, `exp` and a random `jti`. Verification pins the
 * algorithm (no `none`, no public-key confusion) and tells an expired token from an invalid one.
 */
export class LocalTokenService {
  private readonly key: Uint8Array;

  /**
   * @param secret the signing secret, at least 32 characters (TNT_JWT_SECRET or the generated one)
   * @param ttlSeconds lifetime of issued tokens
   * @param now reads the wall clock (ms since the epoch) for issuing and expiring tokens; tests step their own
   */
  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new RangeError(`the JWT secret must be at least 32 characters (got ${secret.length})`);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError(`ttlSeconds must be a positive integer (got ${ttlSeconds})`);
    this.key = new TextEncoder().encode(secret);
  }

  /** Signs a token for `principal`, valid for `ttlSeconds` (default: the service's). */
  async issue(principal: Principal, ttlSeconds = this.ttlSeconds): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAtSeconds = issuedAt + ttlSeconds;
    const token = await new SignJWT({ role: principal.role, ...(principal.agentId !== undefined ? { agentId: principal.agentId } : {}) })
      .setProtectedHeader({ alg: LOCAL_TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(principal.username)
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAtSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAtSeconds * 1000), principal };
  }

  /** Checks signature, algorithm, issuer, audience and expiry, and reads the principal from the claims. */
  async verify(token: string): Promise<TokenVerification> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [LOCAL_TOKEN_ALGORITHM],
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_ISSUER,
        requiredClaims: ['sub', 'exp', 'role'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      return rejectionFromJoseError(error);
    }
    const { sub, role, agentId, exp } = payload as { sub: string; role: unknown; agentId?: unknown; exp: number };
    if (!isUserRole(role)) return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, 'the token names no valid role');
    if (role === 'agent' && typeof agentId !== 'string')
      return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, 'the agent token has no agentId');
    return {
      ok: true,
      principal: { username: sub, role, ...(role === 'agent' ? { agentId: agentId as string } : {}) },
      expiresAt: new Date(exp * 1000),
      issuer: 'local',
    };
  }
}
