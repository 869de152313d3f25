import {
  array,
  boolean,
  discriminated,
  guard,
  integer,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  refine,
  string,
  union,
  validate,
  type Infer,
} from './schema';

describe('schema: scalars', () => {
  it('accepts a string within its length and pattern, and names the rule when it is not', () => {
    const code = string({ min: 2, max: 4, pattern: /^[A-Z]+$/, rule: '2 to 4 capital letters' });
    expect(validate(code, 'AB')).toEqual({ ok: true, value: 'AB' });
    expect(validate(code, 'ab')).toEqual({ ok: false, path: '', message: 'the value must be 2 to 4 capital letters' });
    expect(validate(code, 'ABCDE').ok).toBe(false);
    expect(validate(string({ min: 1 }), '')).toMatchObject({ ok: false, message: 'the value must be a non-empty string' });
  });

  it('tells integers from other numbers and keeps to the range', () => {
    const seq = integer({ min: 0, max: 10 });
    expect(validate(seq, 0).ok).toBe(true);
    expect(validate(seq, 1.5)).toMatchObject({ ok: false, message: 'the value must be an integer from 0 to 10' });
    expect(validate(seq, -1).ok).toBe(false);
    expect(validate(seq, '5').ok).toBe(false);
    expect(validate(number(), Number.NaN).ok).toBe(false);
    expect(validate(number(), Infinity).ok).toBe(false);
    expect(validate(boolean(), 0).ok).toBe(false);
  });

  it('accepts exactly the listed literals', () => {
    expect(validate(literal('ping'), 'ping').ok).toBe(true);
    expect(validate(literal('ping'), 'pong')).toMatchObject({ message: 'the value must be "ping"' });
    expect(validate(oneOf(['a', 1]), 1).ok).toBe(true);
    expect(validate(oneOf(['a', 1]), '1')).toMatchObject({ message: 'the value must be one of "a", 1' });
  });

  it('states null as a literal, for a field that is null at the end of something', () => {
    const cursor = union([string({ min: 1 }), literal(null)], 'a cursor or null');
    expect(validate(cursor, null)).toEqual({ ok: true, value: null });
    expect(validate(cursor, undefined)).toMatchObject({ ok: false, message: 'the value must be a cursor or null' });
    expect(validate(literal(null), 'null')).toMatchObject({ message: 'the value must be null' });
  });
});

describe('schema: objects', () => {
  const person = object({ name: string(), age: optional(integer({ min: 0 })), address: optional(object({ city: string() })) });

  it('names the nested field at fault', () => {
    expect(validate(person, { name: 'Ada', address: { city: 7 } })).toEqual({
      ok: false,
      path: 'address.city',
      message: 'address.city must be a string',
    });
    expect(validate(person, { age: 3 })).toMatchObject({ path: 'name', message: 'name must be a string' });
  });

  it('drops undeclared fields by default, keeps them when told, refuses them when told', () => {
    expect(validate(person, { name: 'Ada', admin: true })).toEqual({ ok: true, value: { name: 'Ada' } });
    const open = object({ name: string() }, 'keep');
    expect(validate(open, { name: 'Ada', admin: true })).toEqual({ ok: true, value: { name: 'Ada', admin: true } });
    const closed = object({ name: string() }, 'reject');
    expect(validate(closed, { name: 'Ada', admin: true })).toEqual({
      ok: false,
      path: 'admin',
      message: 'admin is not a known field (known: name)',
    });
  });

  it('refuses arrays, null and primitives where an object is wanted', () => {
    for (const value of [null, [], 'x', 3])
      expect(validate(person, value)).toMatchObject({ ok: false, message: 'the value must be an object' });
  });

  it('infers optional fields as optional properties', () => {
    const value: Infer<typeof person> = { name: 'Ada' };
    expect(validate(person, value).ok).toBe(true);
  });
});

describe('schema: collections and alternatives', () => {
  it('names the index of a bad array item and keeps to the length', () => {
    const tracks = array(oneOf(['in', 'out']), { min: 1, max: 2 });
    expect(validate(tracks, ['in', 'sideways'])).toMatchObject({ path: '[1]', message: '[1] must be one of "in", "out"' });
    expect(validate(tracks, []).ok).toBe(false);
    expect(validate(tracks, ['in', 'out', 'in']).ok).toBe(false);
  });

  it('checks every key and value of a record and its size', () => {
    const positions = record(integer({ min: 0 }), { key: string({ pattern: /^[a-z]+$/, rule: 'lower-case letters' }), maxEntries: 2 });
    expect(validate(positions, { a: 1, b: 2 }).ok).toBe(true);
    expect(validate(positions, { a: -1 })).toMatchObject({ path: 'a', message: 'a must be an integer of at least 0' });
    expect(validate(positions, { 'A B': 1 })).toMatchObject({ message: 'the value has the key "A B", which is not lower-case letters' });
    expect(validate(positions, { a: 1, b: 2, c: 3 }).ok).toBe(false);
  });

  it('takes the first alternative of a union that fits, and states the alternatives otherwise', () => {
    const id = union([string({ max: 3 }), number()], 'a short string or a number');
    expect(validate(id, 7)).toEqual({ ok: true, value: 7 });
    expect(validate(id, { a: 1 })).toMatchObject({ message: 'the value must be a short string or a number' });
  });

  it('routes a discriminated object to its variant so the failure names that variant’s field', () => {
    const shape = discriminated('kind', {
      circle: object({ kind: literal('circle'), radius: number() }),
      square: object({ kind: literal('square'), side: number() }),
    });
    expect(validate(shape, { kind: 'square', side: 2 }).ok).toBe(true);
    expect(validate(shape, { kind: 'square', radius: 2 })).toMatchObject({ path: 'side', message: 'side must be a number' });
    expect(validate(shape, { kind: 'toString' })).toMatchObject({ path: 'kind', message: 'kind must be one of "circle", "square"' });
  });

  it('applies a refinement after the shape, naming the field it concerns', () => {
    const period = refine(object({ from: integer(), to: integer() }), (value) => value.to > value.from, {
      field: 'to',
      rule: 'later than from',
    });
    expect(validate(period, { from: 1, to: 2 }).ok).toBe(true);
    expect(validate(period, { from: 2, to: 1 })).toEqual({ ok: false, path: 'to', message: 'to must be later than from' });
  });

  it('makes a type guard that agrees with validate', () => {
    const isShortText = guard(string({ max: 2 }));
    expect(isShortText('ab')).toBe(true);
    expect(isShortText('abc')).toBe(false);
  });
});
