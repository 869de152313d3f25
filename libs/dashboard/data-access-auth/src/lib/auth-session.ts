import type { LoginResponse, UserRole } from '@tnt/protocol';

/**
 * A signed-in user exactly as `POST /api/auth/login` answered (the protocol's `LOGIN_RESPONSE`):
 * the bearer token (a secret: never log it), when it expires, and who it belongs to. Agents carry
 * the agent id their calls are tagged with.
 */
export type AuthSession = Readonly<LoginResponse>;

/** The role as people read it in the header. */
export function roleLabel(role: UserRole): string {
  return role === 'supervisor' ? 'Supervisor' : 'Agent';
}
