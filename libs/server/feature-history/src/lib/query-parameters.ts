import { CALL_ID_RULE, isCallId } from '@tnt/protocol';
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

/** Rejects any parameter not in `allowed`, naming the first one. */
export function rejectUnknownParameters(query: RawQuery, allowed: readonly string[]): void {
  const unknown = Object.keys(query).find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    const known = allowed.length === 0 ? 'no query parameters are accepted here' : `expected one of ${allowed.join(', ')}`;
    throw invalidParameter(unknown, `is not a known parameter: ${known}`);
  }
}

/** The parameter's single value, `undefined` when absent; 400 when repeated, nested or empty. */
export function singleValue(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, 'must be given once, as a plain value');
  if (value.trim() === '') throw invalidParameter(name, 'must not be empty');
  return value;
}

/** One of `allowed`, or `fallback` when absent. */
export function choiceParameter<T extends string>(query: RawQuery, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = singleValue(query, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(name, `must be one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** An integer within `[min, max]`, or `fallback` when absent. */
export function integerParameter(query: RawQuery, name: string, fallback: number, min: number, max: number): number {
  const value = singleValue(query, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidParameter(name, `must be an integer from ${min} to ${max}`, value);
  }
  return Number(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant as ISO 8601 (normalised to `toISOString()` form): a date (midnight UTC) or a
 * date-time with `Z` or an offset. A date-time without zone is refused rather than guessed.
 */
export function instantParameter(query: RawQuery, name: string): string | undefined {
  const value = singleValue(query, name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if ((!ISO_DATE.test(value) && !ISO_DATE_TIME_WITH_ZONE.test(value)) || Number.isNaN(time)) {
    throw invalidParameter(name, 'must be an ISO 8601 date (2026-03-01) or date-time with zone (2026-03-01T09:30:00Z)', value);
  }
  return new Date(time).toISOString();
}
