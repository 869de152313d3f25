/**
 * A small schema language for the wire contract: one definition per message gives its TypeScript
 * type (`Infer<typeof X>`) and its runtime check (`validate(X, value)`), so the type and the check
 * cannot drift apart. It has no dependencies because the server and the dashboard both use it.
 * A failed check names the field at fault (`start.mediaFormat.sampleRate must be a number`).
 */

/** Where a value failed, and why, in words that name the field. */
export interface SchemaIssue {
  /** The field as written in the message: `callId`, `start.tracks[1]`; empty for the whole value. */
  readonly path: string;
  /** `<path> must be <rule>`, for people; never echoes long or secret values. */
  readonly message: string;
}

/** The answer of {@link validate}. */
export type ValidationResult<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & SchemaIssue);

/**
 * A definition of a value. `rule` says in words what the value must be; `check` returns the
 * accepted value (objects keep only their declared fields unless told otherwise) or the issue.
 */
export interface Schema<T> {
  readonly rule: string;
  check(value: unknown, path: string): { ok: true; value: T } | { ok: false; issue: SchemaIssue };
}

/** A field that may be absent from an object; made with {@link optional}. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

/** The type a schema describes. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};
/** The object type of a shape: optional schemas become `?:` fields. */
export type InferShape<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

type Checked<T> = ReturnType<Schema<T>['check']>;

function fail(path: string, rule: string): { ok: false; issue: SchemaIssue } {
  return { ok: false, issue: { path, message: `${path || 'the value'} must be ${rule}` } };
}

function schema<T>(rule: string, accepts: (value: unknown) => boolean): Schema<T> {
  return { rule, check: (value, path) => (accepts(value) ? { ok: true, value: value as T } : fail(path, rule)) };
}

function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options of {@link string}. */
export interface StringOptions {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** Says what the pattern means (`an ISO 8601 date`); required in practice when `pattern` is set. */
  readonly rule?: string;
}

/** A string, optionally of `min`..`max` characters and matching `pattern`. */
export function string(options: StringOptions = {}): Schema<string> {
  const { min = 0, max = Infinity, pattern } = options;
  const length = max === Infinity ? '' : max === min ? ` of ${max} characters` : ` of ${min} to ${max} characters`;
  const rule =
    max === Infinity && min > 0 ? (min === 1 ? 'a non-empty string' : `a string of at least ${min} characters`) : `a string${length}`;
  return schema(options.rule ?? rule, (value) => {
    if (typeof value !== 'string' || value.length < min || value.length > max) return false;
    return pattern === undefined || pattern.test(value);
  });
}

/** Options of {@link number} and {@link integer}. */
export interface NumberOptions {
  readonly min?: number;
  readonly max?: number;
}

function range(options: NumberOptions): string {
  const { min, max } = options;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  return max !== undefined ? ` of at most ${max}` : '';
}

function inRange(value: number, { min = -Infinity, max = Infinity }: NumberOptions): boolean {
  return value >= min && value <= max;
}

/** A finite number, optionally within `min`..`max`. */
export function number(options: NumberOptions = {}): Schema<number> {
  return schema(`a number${range(options)}`, (value) => typeof value === 'number' && Number.isFinite(value) && inRange(value, options));
}

/** A whole number, optionally within `min`..`max`. */
export function integer(options: NumberOptions = {}): Schema<number> {
  return schema(`an integer${range(options)}`, (value) => typeof value === 'number' && Number.isInteger(value) && inRange(value, options));
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  return schema('true or false', (value) => typeof value === 'boolean');
}

/** `null` is a primitive here so that a field such as the last page's `nextCursor: null` can be stated. */
type Primitive = string | number | boolean | null;

/** Exactly `expected`. */
export function literal<const T extends Primitive>(expected: T): Schema<T> {
  return schema(JSON.stringify(expected), (value) => value === expected);
}

/** One of `values`. */
export function oneOf<const T extends readonly Primitive[]>(values: T): Schema<T[number]> {
  const allowed: readonly unknown[] = values;
  return schema(`one of ${values.map((value) => JSON.stringify(value)).join(', ')}`, (value) => allowed.includes(value));
}

/** `inner`, or absent; only meaningful as a field of {@link object}. */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    rule: inner.rule,
    check: (value, path) => (value === undefined ? { ok: true, value: undefined } : inner.check(value, path)),
  };
}

/** Options of {@link array}. */
export interface ArrayOptions {
  readonly min?: number;
  readonly max?: number;
}

/** An array whose items all fit `item`, of `min`..`max` items. */
export function array<T>(item: Schema<T>, options: ArrayOptions = {}): Schema<T[]> {
  const { min = 0, max = Infinity } = options;
  const count = max === Infinity ? (min > 0 ? ` of at least ${min}` : '') : ` of ${min} to ${max}`;
  const rule = `an array${count} of ${item.rule}`;
  return {
    rule,
    check(value, path) {
      if (!Array.isArray(value) || value.length < min || value.length > max) return fail(path, rule);
      const items: T[] = [];
      for (const [index, element] of value.entries()) {
        const result = item.check(element, `${path}[${index}]`);
        if (!result.ok) return result;
        items.push(result.value);
      }
      return { ok: true, value: items };
    },
  };
}

/** Options of {@link record}. */
export interface RecordOptions {
  /** Every key must fit this. */
  readonly key?: Schema<string>;
  readonly maxEntries?: number;
}

/** An object used as a map: any keys (fitting `options.key`), every value fitting `value`. */
export function record<T>(value: Schema<T>, options: RecordOptions = {}): Schema<Record<string, T>> {
  const { key, maxEntries = Infinity } = options;
  const entries = maxEntries === Infinity ? '' : ` of at most ${maxEntries} entries`;
  const rule = `an object${entries} mapping ${key ? key.rule : 'names'} to ${value.rule}`;
  return {
    rule,
    check(input, path) {
      if (!isPlainObject(input) || Object.keys(input).length > maxEntries) return fail(path, rule);
      const output: Record<string, T> = {};
      for (const [name, element] of Object.entries(input)) {
        if (key && !key.check(name, fieldPath(path, name)).ok) {
          const shownKey = JSON.stringify(name.slice(0, 40));
          return { ok: false, issue: { path, message: `${path || 'the value'} has the key ${shownKey}, which is not ${key.rule}` } };
        }
        const result = value.check(element, fieldPath(path, name));
        if (!result.ok) return result;
        // Defined, not assigned: a key such as `__proto__` (a call id may be any word) stays a plain entry.
        Object.defineProperty(output, name, { value: result.value, enumerable: true, writable: true, configurable: true });
      }
      return { ok: true, value: output };
    },
  };
}

/** What {@link object} does with fields its shape does not declare. */
export type UnknownFields = 'strip' | 'reject' | 'keep';

/**
 * An object with the fields of `shape`. Undeclared fields are dropped from the accepted value
 * (`strip`, the default), refused naming the first (`reject`), or kept as they are (`keep`, for
 * third-party messages that grow fields).
 */
export function object<S extends Shape>(shape: S, unknownFields: UnknownFields = 'strip'): Schema<InferShape<S>> & { readonly shape: S } {
  const rule = 'an object';
  return {
    rule,
    shape,
    check(value, path) {
      if (!isPlainObject(value)) return fail(path, rule);
      const output: Record<string, unknown> = unknownFields === 'keep' ? { ...value } : {};
      for (const [name, field] of Object.entries(shape)) {
        const result = field.check(value[name], fieldPath(path, name));
        if (!result.ok) return result;
        if (result.value !== undefined) output[name] = result.value;
      }
      if (unknownFields === 'reject') {
        const unknown = Object.keys(value).find((name) => !Object.prototype.hasOwnProperty.call(shape, name));
        if (unknown !== undefined) {
          const known = Object.keys(shape).join(', ') || 'none';
          const unknownPath = fieldPath(path, unknown);
          return { ok: false, issue: { path: unknownPath, message: `${unknownPath} is not a known field (known: ${known})` } };
        }
      }
      return { ok: true, value: output as InferShape<S> };
    },
  };
}

/**
 * The first of `options` that fits; `rule` says what the alternatives are in words. When an
 * alternative failed inside the value (a map whose entry is wrong) rather than on its kind, that
 * more precise issue is reported instead of the list of alternatives.
 */
export function union<const T extends readonly Schema<unknown>[]>(options: T, rule: string): Schema<Infer<T[number]>> {
  return {
    rule,
    check(value, path) {
      let precise: { ok: false; issue: SchemaIssue } | undefined;
      for (const option of options) {
        const result = option.check(value, path) as Checked<Infer<T[number]>>;
        if (result.ok) return result;
        if (result.issue.message !== fail(path, option.rule).issue.message) precise ??= result;
      }
      return precise ?? fail(path, rule);
    },
  };
}

/**
 * An object told apart by the string field `key`: `variants` maps each value of `key` to the
 * schema of that variant, so a failure names the variant's own field rather than every option.
 */
export function discriminated<V extends Record<string, Schema<unknown>>>(key: string, variants: V): Schema<Infer<V[keyof V]>> {
  const names = Object.keys(variants);
  const keyRule = `one of ${names.map((name) => JSON.stringify(name)).join(', ')}`;
  return {
    rule: `an object whose ${key} is ${keyRule}`,
    check(value, path) {
      if (!isPlainObject(value)) return fail(path, 'an object');
      const tag = value[key];
      if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(variants, tag)) return fail(fieldPath(path, key), keyRule);
      return variants[tag].check(value, path) as Checked<Infer<V[keyof V]>>;
    },
  };
}

/**
 * `inner`, further limited by `test` (e.g. a date that must also parse, or one field that depends
 * on another). `field` names the failing field relative to the value; `rule` says what must hold.
 */
export function refine<S extends Schema<unknown>>(
  inner: S,
  test: (value: Infer<S>) => boolean,
  failure: { rule: string; field?: string },
): S {
  // The refined schema keeps everything the inner one exposes (an object's `shape`), only `check` is stricter.
  return {
    ...inner,
    check(value: unknown, path: string): Checked<Infer<S>> {
      const result = inner.check(value, path) as Checked<Infer<S>>;
      if (!result.ok || test(result.value)) return result;
      const failedPath = failure.field === undefined ? path : fieldPath(path, failure.field);
      return fail(failedPath, failure.rule);
    },
  };
}

/** Checks `value` against `definition`; on failure, the path and a message that names the field. */
export function validate<T>(definition: Schema<T>, value: unknown): ValidationResult<T> {
  const result = definition.check(value, '');
  return result.ok ? { ok: true, value: result.value } : { ok: false, ...result.issue };
}

/** A type guard made from a schema, for code that only needs yes or no. */
export function guard<T>(definition: Schema<T>): (value: unknown) => value is T {
  return (value: unknown): value is T => definition.check(value, '').ok;
}
