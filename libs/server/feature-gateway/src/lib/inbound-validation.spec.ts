import { ERROR_CODES, MAX_ALL_CALLS_POSITIONS } from '@tnt/protocol';
import { SubscribeDto } from './inbound-messages.dto';
import { validateClientMessage } from './inbound-validation';
import { ProtocolError } from './protocol-error';

const positions = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`CA${index}`, index]));

/** Subscribe bodies that fail, and the words the error must contain to say why. */
const REFUSED_SUBSCRIBES: [string, object, string][] = [
  ["a number as since of '*'", { callId: '*', since: 5 }, 'must be an object mapping call ids to seqs'],
  ["an array as since of '*'", { callId: '*', since: [1, 2] }, 'must be an object mapping call ids to seqs'],
  ["null as since of '*'", { callId: '*', since: null }, 'must be an object mapping call ids to seqs'],
  ['null as since of one call', { callId: 'CA1', since: null }, 'since must be an integer number'],
  ['a map as since of one call', { callId: 'CA1', since: { CA1: 1 } }, 'since must be an integer number'],
  ['a position keyed by something not a call id', { callId: '*', since: { 'a b': 1 } }, 'key "a b" is not a call id'],
  ["a position keyed by '*'", { callId: '*', since: { '*': 1 } }, 'key "*" is not a call id'],
  ['a negative position', { callId: '*', since: { CA1: -1 } }, 'CA1 must be an integer from 0'],
  ['a fractional position', { callId: '*', since: { CA1: 1.5 } }, 'CA1 must be an integer from 0'],
  ['a position as a string', { callId: '*', since: { CA1: '3' } }, 'CA1 must be an integer from 0'],
  ['a position past the safe integers', { callId: '*', since: { CA1: 2 ** 53 } }, 'CA1 must be an integer from 0'],
  [
    `more than ${MAX_ALL_CALLS_POSITIONS} positions`,
    { callId: '*', since: positions(MAX_ALL_CALLS_POSITIONS + 1) },
    `at most ${MAX_ALL_CALLS_POSITIONS}`,
  ],
];

describe('validateClientMessage: since of subscribe', () => {
  it.each(REFUSED_SUBSCRIBES)('refuses %s with VALIDATION_FAILED naming the problem', (_description, body, problem) => {
    const result = validateClientMessage('subscribe', body);
    expect(result).toBeInstanceOf(ProtocolError);
    expect((result as ProtocolError).code).toBe(ERROR_CODES.VALIDATION_FAILED);
    expect((result as ProtocolError).message).toContain(problem);
  });

  it('accepts a seq for one call, from 0 to the largest safe integer', () => {
    for (const since of [0, 7, Number.MAX_SAFE_INTEGER]) {
      expect(validateClientMessage('subscribe', { callId: 'CA1', since })).toEqual(
        Object.assign(new SubscribeDto(), { callId: 'CA1', since }),
      );
    }
  });

  it(`accepts a map of up to ${MAX_ALL_CALLS_POSITIONS} positions for '*', and an empty one`, () => {
    for (const since of [{}, positions(MAX_ALL_CALLS_POSITIONS)]) {
      expect(validateClientMessage('subscribe', { callId: '*', since })).toEqual(Object.assign(new SubscribeDto(), { callId: '*', since }));
    }
  });

  it('keeps positions of calls named like Object members, exactly as parsed', () => {
    const since = JSON.parse('{"constructor":1,"__proto__":2,"toString":3}');
    const result = validateClientMessage('subscribe', { callId: '*', since }) as SubscribeDto;
    expect(Object.entries(result.since as object)).toEqual([
      ['constructor', 1],
      ['__proto__', 2],
      ['toString', 3],
    ]);
  });

  it('answers a nested constructor key with VALIDATION_FAILED instead of throwing', () => {
    const result = validateClientMessage('ping', JSON.parse('{"type":"ping","id":{"constructor":1}}'));
    expect((result as ProtocolError).code).toBe(ERROR_CODES.VALIDATION_FAILED);
  });

  it('leaves top-level __proto__ and constructor keys out of the DTO', () => {
    const result = validateClientMessage(
      'subscribe',
      JSON.parse('{"type":"subscribe","callId":"CA1","__proto__":{"since":-1},"constructor":"x"}'),
    );
    expect(result).toEqual(Object.assign(new SubscribeDto(), { callId: 'CA1' }));
    expect(Object.getPrototypeOf(result)).toBe(SubscribeDto.prototype);
  });
});
