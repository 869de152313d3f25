import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { AUTH_ERROR_CODES } from './auth-errors';
import type { JwksTokenVerifier } from './jwks-token-verifier';
import { LOCAL_TOKEN_ALGORITHM, type LocalTokenService } from './local-token-service';
import { rejectToken, type TokenVerification } from './token-verification';
import type { UserStore } from './user-store';

/** Longest token looked at; anything longer is refused before parsing (real ones are < 2 KiB). */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * The one place that decides whether a bearer token is good, for HTTP and WebSocket alike:
 * - HS256 tokens are the gateway's own: verified with its secret, then the user must still exist
 *   in the directory, whose current role and agent id are used (so `users remove` and role
 *   changes take effect at once, not at expiry);
 * - tokens signed with an asymmetric algorithm go to the external identity provider when one is
 *   configured (TNT_JWKS_URL), and are refused otherwise.
 * Choosing by the header's `alg` before verifying cannot be abused: each path pins its own algorithms.
 */
export class TokenVerifier {
  constructor(
    private readonly local: LocalTokenService,
    private readonly directory: UserStore,
    private readonly external?: JwksTokenVerifier,
  ) {}

  /** Verifies `token` and returns the principal, or the failure to answer with. */
  async verify(token: string): Promise<TokenVerification> {
    if (token.length > MAX_TOKEN_LENGTH) return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, 'the token is too long');
    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, 'the token is not a JWT');
    }
    if (header.alg === LOCAL_TOKEN_ALGORITHM) return this.verifyLocal(token);
    if (this.external) return this.external.verify(token);
    return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, `tokens signed with ${String(header.alg).slice(0, 16)} are not accepted`);
  }

  private async verifyLocal(token: string): Promise<TokenVerification> {
    const verified = await this.local.verify(token);
    if (!verified.ok) return verified;
    const user = await this.directory.find(verified.principal.username);
    if (!user) return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, 'the token’s user no longer exists');
    return {
      ...verified,
      principal: { username: user.username, role: user.role, ...(user.agentId !== undefined ? { agentId: user.agentId } : {}) },
    };
  }
}
