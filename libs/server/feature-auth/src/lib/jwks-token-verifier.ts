import { AGENT_ID_PATTERN, type UserRole } from '@tnt/server/data-access-users';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AUTH_ERROR_CODES } from './auth-errors';
import { rejectionFromJoseError, rejectToken, type TokenVerification } from './token-verification';

/** Asymmetric algorithms accepted from an identity provider; HS* never (the JWKS is public). */
export const EXTERNAL_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * jose codes meaning the key set could not be had: a network failure is not a JOSEError at
 * all; a non-200 answer or non-JSON body is the generic one; a malformed set is JWKS_INVALID.
 */
const KEY_SET_FAILURES: ReadonlySet<string> = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID', 'ERR_JWKS_TIMEOUT']);

/** How to trust and read an external identity provider's tokens. */
export interface ExternalIdentityOptions {
  /** TNT_JWKS_URL: where the provider publishes its public keys. */
  readonly jwksUrl: string;
  /** TNT_JWT_ISSUER: required `iss`, when set. */
  readonly issuer?: string;
  /** TNT_JWT_AUDIENCE: required `aud`, when set. */
  readonly audience?: string;
  /** TNT_JWT_ROLE_CLAIM: claim holding `supervisor`/`agent` or a list of roles containing one. */
  readonly roleClaim: string;
  /** TNT_JWT_AGENT_CLAIM: claim holding an agent's agent id. */
  readonly agentClaim: string;
  /** Give up fetching the key set after this long (default 5 s): `AUTH_UNAVAILABLE`. */
  readonly timeoutMs?: number;
}

/**
 * The value of `claim`: the claim of that exact name first (namespaced claims such as
 * `https://tnt.example.com/role` contain dots), otherwise a dotted path into nested objects
 * (`realm_access.roles`).
 */
export function readClaim(payload: JWTPayload, claim: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, claim)) return payload[claim];
  return claim.split('.').reduce<unknown>((value, key) => {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    return (value as Record<string, unknown>)[key];
  }, payload);
}

/** `supervisor` or `agent` from a role claim; supervisor wins when a list holds both. */
function roleFrom(value: unknown): UserRole | undefined {
  const roles = Array.isArray(value) ? value : [value];
  if (roles.includes('supervisor')) return 'supervisor';
  if (roles.includes('agent')) return 'agent';
  return undefined;
}

/**
 * Verifies tokens of an external identity provider (Keycloak, Auth0, Entra ID, …) against its
 * JWKS, fetched on demand and cached by jose (refetched when a token names an unknown key, at
 * most every 30 s). The principal's username is `sub`; role and agent id come from the
 * configured claims.
 */
export class JwksTokenVerifier {
  private readonly keySet: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: ExternalIdentityOptions) {
    this.keySet = createRemoteJWKSet(new URL(options.jwksUrl), {
      timeoutDuration: options.timeoutMs ?? 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
  }

  /** Checks the token's signature and claims and maps it to a principal. */
  async verify(token: string): Promise<TokenVerification> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        algorithms: EXTERNAL_TOKEN_ALGORITHMS,
        ...(this.options.issuer !== undefined ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience !== undefined ? { audience: this.options.audience } : {}),
        requiredClaims: ['sub'],
      }));
    } catch (error) {
      // Failures to get the key set say nothing about the token: the provider is unreachable.
      if (!(error instanceof errors.JOSEError) || KEY_SET_FAILURES.has(error.code)) {
        const reason = (error as { message?: unknown }).message ?? String(error);
        return rejectToken(AUTH_ERROR_CODES.AUTH_UNAVAILABLE, `the identity provider's keys could not be fetched: ${String(reason)}`);
      }
      return rejectionFromJoseError(error);
    }
    const role = roleFrom(readClaim(payload, this.options.roleClaim));
    if (role === undefined) {
      return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, `the token's ${this.options.roleClaim} claim names neither supervisor nor agent`);
    }
    const agentId = readClaim(payload, this.options.agentClaim);
    if (role === 'agent' && (typeof agentId !== 'string' || !AGENT_ID_PATTERN.test(agentId))) {
      return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, `the agent token's ${this.options.agentClaim} claim is not a valid agent id`);
    }
    return {
      ok: true,
      principal: { username: payload.sub as string, role, ...(role === 'agent' ? { agentId: agentId as string } : {}) },
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined,
      issuer: 'external',
    };
  }
}
