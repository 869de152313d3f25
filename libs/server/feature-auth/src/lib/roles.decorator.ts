import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@tnt/server/data-access-users';
import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';
import { principalOf } from './request-principal';

/** Metadata key of {@link RequireRoles}. */
export const REQUIRED_ROLES = 'tnt:required-roles';

/**
 * Restricts a controller or handler guarded by `BearerAuthGuard` to the given roles; others
 * get 403 `FORBIDDEN`. Without it, every authenticated role passes (and must be scoped with
 * `canSeeCall` / `callScopeOf`).
 */
export const RequireRoles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** Injects the {@link Principal} that `BearerAuthGuard` established for the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest<IncomingMessage>()),
);
