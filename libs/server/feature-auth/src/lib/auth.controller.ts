import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { UserRole } from '@tnt/server/data-access-users';
import type { Request, Response } from 'express';
import { AuthService, LoginRateLimitedError, type LoginResponse } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';
import { LoginDto } from './login.dto';
import { authenticationOf } from './request-principal';
import { ValidatedBodyPipe } from './validated-body.pipe';

/** Answer of `GET /api/auth/me`. */
export interface MeResponse {
  readonly username: string;
  readonly role: UserRole;
  readonly agentId?: string;
  /** ISO 8601 expiry of the token used. */
  readonly expiresAt?: string;
}

/** `POST /api/auth/login` and `GET /api/auth/me`; thin: the service and the guard decide. */
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Exchanges `{username, password}` for a token. 400 names a bad field; 401 is generic; 429 says when to retry. */
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ValidatedBodyPipe(LoginDto)) body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    // Token answers must never be cached (RFC 6749 §5.1).
    response.setHeader('Cache-Control', 'no-store');
    try {
      return await this.auth.login(body.username, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof LoginRateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
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
