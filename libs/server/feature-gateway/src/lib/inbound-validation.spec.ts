import { CLIENT_MESSAGE, ERROR_CODES, MAX_ALL_CALLS_POSITIONS, TntError, validate, type ClientMessageType } from '@tnt/protocol';
import { SubscribeDto } from './inbound-messages.dto';
import { validateClientMessage } from './inbound-validation';

const positions = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`CA${index}`, index]));

/** Client messages, valid and not: the class-validator DTOs must decide each exactly as the protocol schema does. */
const MESSAGES: [string, { type: ClientMessageType } & Record<string, unknown>][] = [
  ['a ping', { type: 'ping' }],
  ['a ping with a string id', { type: 'ping', id: 'a' }],
  ['a ping with an object id', { type: 'ping', id: { a: 1 } }],
  ['a ping with a 129-character id', { type: 'ping', id: 'x'.repeat(129) }],
  ['a subscribe to one call', { type: 'subscribe', callId: 'CA1', since: 7 }],
  ['a subscribe to every call with positions', { type: 'subscribe', callId: '*', since: { CA1: 3 } }],
  ['a subscribe without callId', { type: 'subscribe' }],
  ['a subscribe with a numeric callId', { type: 'subscribe', callId: 12 }],
  ['a subscribe with a space in callId', { type: 'subscribe', callId: 'a b' }],
  ['a subscribe with a 200-character callId', { type: 'subscribe', callId: 'x'.repeat(200) }],
  ['since as a string', { type: 'subscribe', callId: 'x', since: '5' }],
  ['a negative since', { type: 'subscribe', callId: 'x', since: -1 }],
  ['a fractional since', { type: 'subscribe', callId: 'x', since: 1.5 }],
  ['null as since', { type: 'subscribe', callId: 'x', since: null }],
  ['a map as since of one call', { type: 'subscribe', callId: 'CA1', since: { CA1: 1 } }],
  ["a number as since of '*'", { type: 'subscribe', callId: '*', since: 5 }],
  ["an array as since of '*'", { type: 'subscribe', callId: '*', since: [1, 2] }],
  ['a position keyed by something not a call id', { type: 'subscribe', callId: '*', since: { 'a b': 1 } }],
  ['a negative position', { type: 'subscribe', callId: '*', since: { CA1: -1 } }],
  ['a position past the safe integers', { type: 'subscribe', callId: '*', since: { CA1: 2 ** 53 } }],
  [`${MAX_ALL_CALLS_POSITIONS} positions`, { type: 'subscribe', callId: '*', since: positions(MAX_ALL_CALLS_POSITIONS) }],
  [`${MAX_ALL_CALLS_POSITIONS + 1} positions`, { type: 'subscribe', callId: '*', since: positions(MAX_ALL_CALLS_POSITIONS + 1) }],
  ['an unsubscribe from every call', { type: 'unsubscribe', callId: '*' }],
  ['an unsubscribe with an empty callId', { type: 'unsubscribe', callId: '' }],
];

describe('validateClientMessage: the class-validator DTOs are generated from the protocol schemas', () => {
  it.each(MESSAGES)('decides %s as the schema does, with the same message', (_description, message) => {
    const bySchema = validate(CLIENT_MESSAGE, message);
    const byDto = validateClientMessage(message.type, message);
    if (bySchema.ok) {
      expect(byDto).not.toBeInstanceOf(TntError);
      expect({ ...byDto }).toEqual(bySchema.value);
    } else {
      expect(byDto).toBeInstanceOf(TntError);
      expect(byDto).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED, message: `${message.type}: ${bySchema.message}` });
    }
  });

  it('keeps positions of calls named like Object members, exactly as parsed', () => {
    const since = JSON.parse('{"constructor":1,"__proto__":2,"toString":3}');
    const result = validateClientMessage('subscribe', { type: 'subscribe', callId: '*', since }) as SubscribeDto;
    expect(Object.entries(result.since as object)).toEqual([
      ['constructor', 1],
      ['__proto__', 2],
      ['toString', 3],
    ]);
  });

  it('answers a nested constructor key with VALIDATION_FAILED instead of throwing', () => {
    const result = validateClientMessage('ping', JSON.parse('{"type":"ping","id":{"constructor":1}}'));
    expect(result).toMatchObject({ code: ERROR_CODES.VALIDATION_FAILED });
  });

  it('leaves top-level __proto__, constructor and unknown keys out of the DTO', () => {
    const message = JSON.parse('{"type":"subscribe","callId":"CA1","__proto__":{"since":-1},"constructor":"x","admin":true}');
    const result = validateClientMessage('subscribe', message);
    expect(result).toEqual(Object.assign(new SubscribeDto(), { type: 'subscribe', callId: 'CA1' }));
    expect(Object.getPrototypeOf(result)).toBe(SubscribeDto.prototype);
  });
});
