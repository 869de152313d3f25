import { CLIENT_MESSAGE, isClientMessageType, MAX_ALL_CALLS_POSITIONS, SUBSCRIBE_MESSAGE } from './client-messages';
import { validate } from './schema';

describe('client message schemas', () => {
  it.each([
    ['a ping without id', { type: 'ping' }],
    ['a ping with a numeric id', { type: 'ping', id: 7 }],
    ['a subscribe to one call from a seq', { type: 'subscribe', callId: 'CA0123', since: 12 }],
    ['a subscribe to every call with per-call positions', { type: 'subscribe', callId: '*', since: { 'call-1': 3, 'call-2': 0 } }],
    ['an unsubscribe from every call', { type: 'unsubscribe', callId: '*' }],
  ])('accepts %s', (_name, message) => {
    expect(validate(CLIENT_MESSAGE, message)).toEqual({ ok: true, value: message });
  });

  it.each([
    ['a missing callId', { type: 'subscribe' }, 'callId'],
    ['a numeric callId', { type: 'subscribe', callId: 12 }, 'callId'],
    ['a callId with a space', { type: 'subscribe', callId: 'a b' }, 'callId'],
    ['a callId over 128 characters', { type: 'subscribe', callId: 'x'.repeat(129) }, 'callId'],
    ['since as a string', { type: 'subscribe', callId: 'x', since: '5' }, 'since'],
    ['a negative since', { type: 'subscribe', callId: 'x', since: -1 }, 'since'],
    ['a fractional since', { type: 'subscribe', callId: 'x', since: 1.5 }, 'since'],
    ['a map of positions for one call', { type: 'subscribe', callId: 'x', since: { x: 1 } }, 'since'],
    ['a position for an id outside the call-id rule', { type: 'subscribe', callId: '*', since: { 'a b': 1 } }, 'since'],
    ['a negative position', { type: 'subscribe', callId: '*', since: { a: -1 } }, 'since.a'],
    ['a ping with an object id', { type: 'ping', id: { a: 1 } }, 'id'],
    ['an unknown type', { type: 'hello' }, 'type'],
  ])('refuses %s, naming the field', (_name, message, field) => {
    expect(validate(CLIENT_MESSAGE, message)).toMatchObject({
      ok: false,
      path: field,
      message: expect.stringMatching(new RegExp(`^${field} `)),
    });
  });

  it('explains what since may be for one call and for every call', () => {
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: 'x', since: { x: 1 } })).toMatchObject({
      message:
        `since must be an integer from 0 to ${Number.MAX_SAFE_INTEGER} unless callId is "*" ` +
        '(a map of positions is only for every call)',
    });
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: '*', since: 5 })).toMatchObject({
      message: expect.stringMatching(/^since must be for callId "\*" an object of at most 1000 entries mapping 1 to 128 letters/),
    });
  });

  it('names the entry at fault in a map of positions', () => {
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: '*', since: { CA1: -1 } })).toMatchObject({
      path: 'since.CA1',
      message: `since.CA1 must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
    });
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: '*', since: { '*': 1 } })).toMatchObject({
      message: expect.stringMatching(/^since has the key "\*", which is not 1 to 128 letters/),
    });
    const tooMany = Object.fromEntries(Array.from({ length: MAX_ALL_CALLS_POSITIONS + 1 }, (_, index) => [`CA${index}`, index]));
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: '*', since: tooMany })).toMatchObject({ ok: false, path: 'since' });
  });

  it('keeps positions of calls named like Object members as plain entries', () => {
    const since = JSON.parse('{"constructor":1,"__proto__":2,"toString":3}');
    const result = validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: '*', since });
    expect(result.ok && Object.entries(result.value.since ?? {})).toEqual([
      ['constructor', 1],
      ['__proto__', 2],
      ['toString', 3],
    ]);
  });

  it('strips fields the protocol does not define', () => {
    expect(validate(CLIENT_MESSAGE, { type: 'unsubscribe', callId: 'x', admin: true })).toEqual({
      ok: true,
      value: { type: 'unsubscribe', callId: 'x' },
    });
  });

  it('knows its own message types and nothing inherited', () => {
    expect(isClientMessageType('subscribe')).toBe(true);
    expect(isClientMessageType('toString')).toBe(false);
  });
});
