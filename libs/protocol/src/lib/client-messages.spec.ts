import { CLIENT_MESSAGE, SUBSCRIBE_MESSAGE, isClientMessageType } from './client-messages';
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
    ['a negative position', { type: 'subscribe', callId: '*', since: { a: -1 } }, 'since'],
    ['a ping with an object id', { type: 'ping', id: { a: 1 } }, 'id'],
    ['an unknown type', { type: 'hello' }, 'type'],
  ])('refuses %s, naming the field', (_name, message, field) => {
    expect(validate(CLIENT_MESSAGE, message)).toMatchObject({ ok: false, path: field, message: expect.stringMatching(new RegExp(`^${field} `)) });
  });

  it('explains what since may be for a single call', () => {
    expect(validate(SUBSCRIBE_MESSAGE, { type: 'subscribe', callId: 'x', since: { x: 1 } })).toMatchObject({
      message: 'since must be a number unless callId is "*" (a map of positions is only for every call)',
    });
  });

  it('strips fields the protocol does not define', () => {
    expect(validate(CLIENT_MESSAGE, { type: 'unsubscribe', callId: 'x', admin: true })).toEqual({ ok: true, value: { type: 'unsubscribe', callId: 'x' } });
  });

  it('knows its own message types and nothing inherited', () => {
    expect(isClientMessageType('subscribe')).toBe(true);
    expect(isClientMessageType('toString')).toBe(false);
  });
});
