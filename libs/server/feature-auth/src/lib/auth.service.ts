import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LoginResponse } from '@tnt/protocol';
import { sanitizeForLog } from '@tnt/server/util-security';
import { authError, AUTH_ERROR_CODES } from './auth-errors';
import { LocalTokenService } from './local-token-service';
import { LoginThrottle } from './login-throttle';
import { USER_STORE, type UserStore } from './user-store';

/**
 * Logs users of the built-in user store in: throttled per address and username, password checked
 * with scrypt in constant time, one generic answer for every wrong username or password (so
 * neither can be probed), and a token from {@link LocalTokenService}. Logs name the user and
 * address, never the password or the token.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(USER_STORE) private readonly directory: UserStore,
    private readonly tokens: LocalTokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Checks the credentials and issues a token; throws a `TntError` (401; 429 with `retryAfterSeconds`) otherwise. */
  async login(username: string, password: string, clientAddress: string): Promise<LoginResponse> {
    const shownName = sanitizeForLog(username, 64);
    const limited = this.throttle.admit(clientAddress, username);
    if (limited) {
      this.logger.warn(`login for "${shownName}" from ${clientAddress} throttled`);
      throw limited;
    }
    const user = await this.directory.authenticate(username, password);
    if (!user) {
      this.logger.warn(`login failed for "${shownName}" from ${clientAddress}`);
      throw authError({ code: AUTH_ERROR_CODES.UNAUTHORIZED, message: 'invalid username or password' });
    }
    const issued = await this.tokens.issue({
      username: user.username,
      role: user.role,
      ...(user.agentId !== undefined ? { agentId: user.agentId } : {}),
    });
    this.logger.log(`${user.username} (${user.role}) logged in from ${clientAddress}`);
    return {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      username: user.username,
      role: user.role,
      ...(user.agentId !== undefined ? { agentId: user.agentId } : {}),
    };
  }
}
