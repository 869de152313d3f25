import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { LOGIN_REQUEST, type LoginRequest, type LoginResponse, type MeResponse } from '@tnt/protocol';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';
import { authenticationOf } from './request-principal';
import { ValidatedBodyPipe } from './validated-body.pipe';

/**
 * `POST /api/auth/login` and `GET /api/auth/me`, answering the protocol's `LOGIN_RESPONSE` and
 * `ME_RESPONSE`; thin: the service and the guard decide.
 */
@Controller('api/auth')
@UseFilters(HttpExceptionFilter)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges `{username, password}` for a token. 400 names a bad field; 401 is generic; 429 says when to retry. */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ValidatedBodyPipe(LOGIN_REQUEST)) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    // Token answers must never be cached (RFC 6749 §5.1).
    response.setHeader('Cache-Control', 'no-store');
    // A throttled login throws a TntError with `retryAfterSeconds`; the HTTP filter sets Retry-After from it.
    return this.auth.login(body.username, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  /** Who the bearer token belongs to, and until when it is valid. */
  @Get('me')
  @UseGuards(BearerAuthGuard)
  me(@Req() request: Request): MeResponse {
    const authentication = authenticationOf(request);
    if (!authentication) throw new Error('BearerAuthGuard let an unauthenticated request through');
    const { principal, expiresAt } = authentication;
    return {
      username: principal.username,
      role: principal.role,
      ...(principal.agentId !== undefined ? { agentId: principal.agentId } : {}),
      ...(expiresAt !== undefined ? { expiresAt: expiresAt.toISOString() } : {}),
    };
  }
}
