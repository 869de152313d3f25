import type { CallInfo } from '@tnt/protocol';
import type { UserRole } from '@tnt/server/data-access-users';

/** Who is making a request: from a verified token, never from anything the client merely says. */
export interface Principal {
  /** Username (built-in users) or `sub` (external identity provider). */
  readonly username: string;
  readonly role: UserRole;
  /** The agent whose calls an agent sees; always set for agents, never for supervisors. */
  readonly agentId?: string;
}

/** True when `principal` may see `call`: a supervisor sees every call, an agent only calls of its own `agentId`. */
export function canSeeCall(principal: Principal, call: Pick<CallInfo, 'agentId'>): boolean {
  if (principal.role === 'supervisor') return true;
  return principal.role === 'agent' && principal.agentId !== undefined && principal.agentId === call.agentId;
}

/**
 * The filter a call listing must apply for `principal` (for the history API's queries):
 * `{}` for a supervisor (every call), `{ agentId }` for an agent.
 */
export function callScopeOf(principal: Principal): { readonly agentId?: string } {
  if (principal.role === 'supervisor') return {};
  if (principal.agentId === undefined)
    throw new Error(`agent ${principal.username} has no agentId; token verification must not produce this`);
  return { agentId: principal.agentId };
}
