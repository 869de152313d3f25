import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@tnt/server/data-access-users';
import type { Request, Response } from 'express';
import { authError, AUTH_ERROR_CODES } from './auth-errors';
import { bearerTokenOf } from './credential-extraction';
import { attachAuthentication } from './request-principal';
import { REQUIRED_ROLES } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

/**
 * Guards HTTP routes with `Authorization: Bearer <token>`: 401 `UNAUTHORIZED`/`TOKEN_EXPIRED`
 * (with `WWW-Authenticate`, RFC 6750) when the token is missing or bad, 403 `FORBIDDEN` when
 * {@link RequireRoles} excludes the principal's role. The principal is then available through
 * `@CurrentPrincipal()` or `principalOf(request)`.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const token = bearerTokenOf(request.headers.authorization);
    if (token === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw authError({
        code: AUTH_ERROR_CODES.UNAUTHORIZED,
        message: 'send Authorization: Bearer <token> (POST /api/auth/login gives one)',
      });
    }
    const verified = await this.tokens.verify(token);
    if (!verified.ok) {
      if (verified.status === 401) response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw authError(verified);
    }
    attachAuthentication(request, { principal: verified.principal, expiresAt: verified.expiresAt });
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (roles !== undefined && !roles.includes(verified.principal.role)) {
      throw authError({ code: AUTH_ERROR_CODES.FORBIDDEN, message: `this needs the role ${roles.join(' or ')}` });
    }
    return true;
  }
}
