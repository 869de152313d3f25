import { PII_ENTITIES, type PiiEntity } from './pii-entities';
import { PiiRedactor } from './pii-redactor';

const redactor = new PiiRedactor({ entities: new Set(PII_ENTITIES), latestBirthYear: 2014 });

/**
 * Spoken forms as speech-to-text writes them (lower case, no punctuation) and written forms as a
 * formatter makes them. `expected` lists the placeholders the text must get, in order; `secret`
 * is what must not be left in it.
 */
interface Case {
  readonly text: string;
  readonly expected: PiiEntity[];
  readonly secret?: string;
}

const CASES: readonly Case[] = [
  // Payment cards (Luhn-valid once the digits are normalised).
  { text: 'my card number is four one one one one one one one one one one one one one one one', expected: ['card'] },
  { text: 'it is four one one one double one one one triple one one one one one one', expected: ['card'] },
  { text: 'the number is 4111 1111 1111 1111 thanks', expected: ['card'], secret: '4111 1111' },
  { text: 'card 4111-1111-1111-1111 expiring soon', expected: ['card'], secret: '4111-1111' },
  { text: 'five five five five five five five five five five five five four four four four is the card', expected: ['card'] },
  { text: 'amex three seven eight two eight two two four six three one zero zero zero five', expected: ['card'] },
  { text: 'uh it is four uh one one one one one one one one one one one one one one one', expected: ['card'] },
  { text: 'forty one eleven eleven eleven eleven eleven eleven eleven', expected: ['card'] },
  // What a recogniser gets wrong: a homophone (`for`) in place of a digit.
  { text: 'my card is for one one one one one one one one one one one one one one one', expected: ['card'] },
  { text: 'email me at jane miller at gmail dot com', expected: ['email'], secret: 'miller at gmail' },
  // Phone numbers.
  { text: 'call me back on five five five one two three four five six seven please', expected: ['phone'] },
  { text: 'my phone is (555) 123-4567 any time', expected: ['phone'], secret: '123-4567' },
  { text: 'you can reach me at 555.123.4567 after six', expected: ['phone'], secret: '555.123.4567' },
  { text: 'the number is plus four four two zero seven nine four six zero zero zero zero zero', expected: ['phone'] },
  { text: 'it is one eight hundred five five five oh one nine nine', expected: ['phone'] },
  { text: 'dial double five five three two one nine eight seven six for support', expected: ['phone'] },
  { text: 'my cell is +1 555 867 5309 okay', expected: ['phone'], secret: '867 5309' },
  { text: 'my number is eight six seven five three oh nine', expected: ['phone'] },
  // Social security numbers.
  { text: 'my social is one two three four five six seven eight nine', expected: ['ssn'] },
  { text: 'social security number 123-45-6789 on file', expected: ['ssn'], secret: '123-45-6789' },
  { text: 'it is one two three dash four five dash six seven eight nine right', expected: ['ssn'] },
  { text: 'the ssn is 078 05 1120 I think', expected: ['ssn'], secret: '078 05 1120' },
  // Dates of birth.
  { text: 'i was born on march third nineteen eighty five', expected: ['dob'] },
  { text: 'date of birth the fourteenth of july nineteen seventy two', expected: ['dob'] },
  { text: 'my date of birth is 03/14/1985 yes', expected: ['dob'], secret: '03/14/1985' },
  { text: 'my birthday is june twenty first', expected: ['dob'] },
  { text: 'that would be april second two thousand and one for the account holder', expected: ['dob'] },
  { text: 'date of birth oh three fourteen eighty five', expected: ['dob'] },
  // E-mail addresses.
  { text: 'my email is jane dot miller at example dot com', expected: ['email'] },
  { text: 'send it to jane.miller@example.com please', expected: ['email'], secret: 'jane.miller@example.com' },
  { text: 'it is j d m at example dot co dot uk', expected: ['email'] },
  { text: 'write to john underscore smith at gmail dot com today', expected: ['email'] },
  { text: 'use bob at example dot org', expected: ['email'] },
  { text: 'its jane dot miller at example.com', expected: ['email'] },
  { text: 'email mary dash ann at mail dot example dot net thanks', expected: ['email'] },
  // Several in one segment.
  {
    text:
      'card four one one one one one one one one one one one one one one one' +
      ' and phone five five five one two three four five six seven',
    expected: ['card', 'phone'],
  },
  { text: 'born 03/14/1985 and email jane dot miller at example dot com', expected: ['dob', 'email'] },
  // Account numbers (long digit strings of no other kind, e.g. a card misheard by one digit).
  { text: 'the account is four one one one one one one one one one one one one one one two thanks', expected: ['number'] },
  { text: 'reference 1234 5678 9012 3 on the invoice', expected: ['number'] },
  // Nothing to redact.
  { text: 'i have two kids and three dogs', expected: [] },
  { text: 'it costs twenty five dollars and ninety nine cents', expected: [] },
  { text: 'we moved here in nineteen ninety nine', expected: [] },
  { text: 'the meeting is on march third twenty twenty seven', expected: [] },
  { text: 'oh okay one moment please', expected: [] },
  { text: 'please look at example dot com for the details', expected: [] },
  { text: 'i will be there at nine thirty', expected: [] },
  { text: 'order 4 items of size 12 and 3 more', expected: [] },
  { text: 'room two oh four on the third floor', expected: [] },
  { text: 'thank you for calling how can i help you today', expected: [] },
];

/** Counts the placeholders both lists share (as multisets). */
function shared(expected: readonly PiiEntity[], found: readonly PiiEntity[]): number {
  const left = [...found];
  let count = 0;
  for (const entity of expected) {
    const at = left.indexOf(entity);
    if (at >= 0) {
      left.splice(at, 1);
      count++;
    }
  }
  return count;
}

describe('PiiRedactor on spoken and written forms', () => {
  it('meets recall ≥ 0.95 and precision ≥ 0.9 on a table of at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    let truePositives = 0;
    let expectedCount = 0;
    let foundCount = 0;
    const misses: string[] = [];
    for (const example of CASES) {
      const result = redactor.redact(example.text);
      const hits = shared(example.expected, result.entities);
      truePositives += hits;
      expectedCount += example.expected.length;
      foundCount += result.entities.length;
      const leaked = example.secret !== undefined && result.text.includes(example.secret);
      if (hits !== example.expected.length || hits !== result.entities.length || leaked) {
        misses.push(`${example.text}\n    → ${result.text} [${result.entities.join(', ')}]`);
      }
    }
    const recall = truePositives / expectedCount;
    const precision = foundCount === 0 ? 1 : truePositives / foundCount;
    console.log(
      `PII redaction table: ${CASES.length} cases, ${expectedCount} entities; recall ${recall.toFixed(3)}, ` +
        `precision ${precision.toFixed(3)}\n` +
        (misses.length > 0 ? `not as expected:\n  ${misses.join('\n  ')}` : 'every case as expected'),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('replaces the digits of a spoken card number with one placeholder and keeps the words around it', () => {
    const result = redactor.redact('sure my card is four one one one one one one one one one one one one one one one thanks');
    expect(result.text).toBe('sure my card is [CARD] thanks');
  });

  it('catches a card number split across two finals of the same speaker, hiding both halves', () => {
    const first = redactor.redact('my card is four one one one one one one one');
    expect(first.text).toBe('my card is [NUMBER]');
    const second = redactor.redact('one one one one one one one one thank you', first.carry);
    expect(second.text).toBe('[CARD] thank you');
  });

  it('catches an e-mail address split across two finals', () => {
    const first = redactor.redact('my email is jane dot miller at');
    expect(first.text).toBe('my email is [EMAIL]');
    const second = redactor.redact('example dot com okay', first.carry);
    expect(second.text).toBe('[EMAIL] okay');
  });

  it('catches a phone number whose area code ended the previous final', () => {
    const first = redactor.redact('you can call me on five five five');
    const second = redactor.redact('one two three four five six seven', first.carry);
    expect(second.text).toBe('[PHONE]');
  });

  it('does not join a number that was complete in the previous final with the next one', () => {
    const first = redactor.redact('my phone is five five five one two three four five six seven');
    expect(first.text).toBe('my phone is [PHONE]');
    expect(redactor.redact('two of them', first.carry).text).toBe('two of them');
  });

  it('hides five or more digits at the end of an interim, which may be the start of a number', () => {
    expect(redactor.redact('my card is four one one one one').text).toBe('my card is [NUMBER]');
    expect(redactor.redact('my card is four one one one').text).toBe('my card is four one one one');
  });

  it('is not misled by words that are names of object properties', () => {
    for (const text of ['the constructor called', 'i was born the constructor of march', 'double constructor five five five five five']) {
      expect(redactor.redact(text).entities.filter((entity) => entity !== 'number')).toEqual([]);
    }
    expect(redactor.redact('the constructor called').text).toBe('the constructor called');
    expect(redactor.redact('i was born the constructor of march').text).toBe('i was born the constructor of march');
  });

  it('redacts only the kinds it is configured for', () => {
    const emailsOnly = new PiiRedactor({ entities: new Set(['email']), latestBirthYear: 2014 });
    const result = emailsOnly.redact('jane at example dot com and five five five one two three four five six seven');
    expect(result.text).toBe('[EMAIL] and five five five one two three four five six seven');
  });
});
