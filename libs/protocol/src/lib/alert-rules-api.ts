import { ALERT_RULES } from './insight';
import { integer, object, optional, type Infer } from './schema';

/**
 * The answer of `GET` and `PUT /api/alert-rules`: every rule in force and the version of the rule
 * set in the store (0 before anything was saved or seeded). The same version is the `ETag` (`"3"`).
 */
export const ALERT_RULES_STATE = object({ rules: ALERT_RULES, version: integer({ min: 0 }) }, 'reject');
/** The rules in force with their version, see {@link ALERT_RULES_STATE}. */
export type AlertRulesState = Infer<typeof ALERT_RULES_STATE>;

/**
 * The body of `PUT /api/alert-rules`: the whole new rule set. With `version` (or an `If-Match: "3"`
 * header) it is saved only over that version, and a newer one is refused with 409
 * `SETTINGS_VERSION_CONFLICT`; without either it replaces whatever is stored (the first API's way).
 */
export const ALERT_RULES_UPDATE = object({ rules: ALERT_RULES, version: optional(integer({ min: 0 })) }, 'reject');
/** A new rule set, see {@link ALERT_RULES_UPDATE}. */
export type AlertRulesUpdate = Infer<typeof ALERT_RULES_UPDATE>;
