import { CALL_ID_MAX_LENGTH, isCallId } from './call-id';

describe('isCallId', () => {
  it.each([
    ['a Twilio CallSid', 'CA0123456789abcdef0123456789abcdef'],
    ['a UUID', '3f0c2e0a-6c5d-4d8e-9b7a-1f2e3d4c5b6a'],
    ['dots, colons and underscores', 'pbx-1:line_7.call'],
    ['the longest allowed', 'x'.repeat(CALL_ID_MAX_LENGTH)],
  ])('accepts %s', (_name, id) => {
    expect(isCallId(id)).toBe(true);
  });

  it.each([
    ['a space', 'call 42'],
    ['a slash', 'a/b'],
    ['a non-ASCII letter', 'café-1'],
    ['the all-calls wildcard', '*'],
    ['an empty string', ''],
    ['one character too many', 'x'.repeat(CALL_ID_MAX_LENGTH + 1)],
    ['a number', 42],
  ])('refuses %s', (_name, id) => {
    expect(isCallId(id)).toBe(false);
  });
});
