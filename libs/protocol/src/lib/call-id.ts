import { ALL_CALLS } from './protocol-version';
import { guard, string, union, literal } from './schema';

/**
 * The one rule for a call id, used by every ingest protocol, the UI socket, the REST routes and the
 * dashboard's routes: 1 to 128 characters, each a letter, a digit, `.`, `_`, `:` or `-`. Telephony
 * ids fit (Twilio `CA…` CallSids, jambonz and FreeSWITCH UUIDs, Genesys conversation UUIDs), and an
 * id that fits can be put in a URL path or a log line without escaping.
 */
export const CALL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The longest call id accepted. */
export const CALL_ID_MAX_LENGTH = 128;

/** What a call id may be, for error messages. */
export const CALL_ID_RULE = "1 to 128 letters, digits, '.', '_', ':' or '-'";

/** A call id, see {@link CALL_ID_PATTERN}. */
export const CALL_ID = string({ pattern: CALL_ID_PATTERN, rule: CALL_ID_RULE });

/** What `subscribe`/`unsubscribe` name: one call, or `'*'` for every call the connection may see. */
export const SUBSCRIPTION_TARGET = union([literal(ALL_CALLS), CALL_ID], `"${ALL_CALLS}" or ${CALL_ID_RULE}`);

/** True when `value` is a call id the server can store, route and serve (see {@link CALL_ID_PATTERN}). */
export const isCallId: (value: unknown) => value is string = guard(CALL_ID);
