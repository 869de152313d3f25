/** A configuration value that cannot be used; the message names the variable and the rule. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    rule: string,
    received: string,
  ) {
    super(`Invalid configuration: ${variable} ${rule} (got ${JSON.stringify(received)})`);
    this.name = 'ConfigError';
  }
}

/** The environment as a plain map, e.g. `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

function raw(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Reads an integer within `[min, max]`, or `fallback` when the variable is unset. */
export function readInteger(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`, value);
  }
  return parsed;
}

/** Reads a positive number (fractions allowed) within `(0, max]`. */
export function readPositiveNumber(env: Environment, name: string, fallback: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > max) {
    throw new ConfigError(name, `must be a number above 0 and at most ${max}`, value);
  }
  return parsed;
}

/** Reads `1/true/yes/on` or `0/false/no/off` (any case). */
export function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
  if (['0', 'false', 'no', 'off'].includes(lower)) return false;
  throw new ConfigError(name, 'must be one of 1, 0, true, false, yes, no, on, off', value);
}

/** Reads one of the allowed words. */
export function readChoice<T extends string>(env: Environment, name: string, fallback: T, allowed: readonly T[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

/** Reads a free string, or `fallback`. */
export function readString(env: Environment, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}
