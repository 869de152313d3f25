/** The two roles of TnT: supervisors see every call, agents only their own. */
export type UserRole = 'supervisor' | 'agent';

/**
 * A signed-in user as `POST /api/auth/login` answered: the bearer token, when it expires, and
 * who it belongs to. Agents carry the agent id their calls are tagged with.
 */
export interface AuthSession {
  /** The bearer token for `/api/*` and the UI socket. A secret: never log it. */
  readonly token: string;
  /** ISO 8601; the server refuses the token after this. */
  readonly expiresAt: string;
  readonly username: string;
  readonly role: UserRole;
  readonly agentId?: string;
}

/** True for `'supervisor'` and `'agent'`. */
export function isUserRole(value: unknown): value is UserRole {
  return value === 'supervisor' || value === 'agent';
}

/** True when `value` is a complete session (an agent needs its agent id), e.g. read back from storage. */
export function isAuthSession(value: unknown): value is AuthSession {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const textFields = ['token', 'expiresAt', 'username'].every((field) => typeof candidate[field] === 'string' && candidate[field] !== '');
  if (!textFields || !isUserRole(candidate['role'])) return false;
  if (candidate['role'] === 'agent') return typeof candidate['agentId'] === 'string' && candidate['agentId'] !== '';
  return candidate['agentId'] === undefined || typeof candidate['agentId'] === 'string';
}

/** The role as people read it in the header. */
export function roleLabel(role: UserRole): string {
  return role === 'supervisor' ? 'Supervisor' : 'Agent';
}
