import { guard, oneOf, type Infer } from './schema';

/** Every role of a TnT user. */
export const USER_ROLES = ['supervisor', 'agent'] as const;

/** What a signed-in person may see: a supervisor every call, an agent only the calls of its agent id. */
export const USER_ROLE = oneOf(USER_ROLES);
/** A role, see {@link USER_ROLE}. */
export type UserRole = Infer<typeof USER_ROLE>;

/** True when `value` is a {@link UserRole}. */
export const isUserRole = guard(USER_ROLE);
