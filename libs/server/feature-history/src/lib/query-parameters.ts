import { CALL_ID_RULE, isCallId, validate, type Schema } from '@tnt/protocol';
import { invalidParameter } from './history-errors';

/** The query string as Express parses it: strings, arrays for repeated names, objects for `a[b]=`. */
export type RawQuery = Record<string, unknown>;

/**
 * The `:id` path parameter when it is a call id by the one rule of `@tnt/protocol`; otherwise 400,
 * since no call can have it (the id is not echoed: it may be long or hold anything).
 */
export function callIdParameter(value: string): string {
  if (!isCallId(value)) throw invalidParameter('id', `must be ${CALL_ID_RULE}`);
  return value;
}

/**
 * Checks a route's query string against its schema and returns the accepted parameters; throws a
 * 400 `VALIDATION_FAILED` naming the first bad parameter (and echoing a short value, to help).
 */
export function parseQuery<T>(schema: Schema<T>, query: RawQuery): T {
  const result = validate(schema, query);
  if (result.ok) return result.value;
  const [parameter] = result.path.split('.', 1);
  const rule = result.message.slice(result.path.length + 1);
  throw invalidParameter(result.path === '' ? 'the query' : result.path, rule, query[parameter]);
}
