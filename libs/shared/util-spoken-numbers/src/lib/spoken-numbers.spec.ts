import { digitValue, isNumberWord, numberWord, scaleValue } from './number-words';
import { readBelowHundred, readDigitRun, readNumber } from './read-number';
import { spokenWords, type SpokenWords } from './spoken-words';

/** Words split at spaces; a comma after a word ends a run there, as punctuation does in a formatter's tokens. */
function words(text: string): SpokenWords {
  const pieces = text.split(' ');
  const keys = pieces.map((piece) => piece.replace(/,$/, ''));
  return { ...spokenWords(keys), endsRunAt: (index) => pieces[index]?.endsWith(',') ?? false };
}

describe('number words', () => {
  it.each([
    ['zero', 0, 'unit', false],
    ['nine', 9, 'unit', false],
    ['ten', 10, 'teen', false],
    ['nineteen', 19, 'teen', false],
    ['twenty', 20, 'tens', false],
    ['ninety', 90, 'tens', false],
    ['first', 1, 'unit', true],
    ['twelfth', 12, 'teen', true],
    ['thirtieth', 30, 'tens', true],
  ])('reads %j as %j (%s, ordinal %j)', (word, value, kind, ordinal) => {
    expect(numberWord(word)).toEqual({ value, kind, ordinal });
    expect(isNumberWord(word)).toBe(true);
  });

  it('knows no other words, not even the names of object properties', () => {
    for (const word of ['oh', 'hundred', 'thousand', 'a', 'and', 'constructor', '__proto__', 'tostring', '', undefined]) {
      expect(numberWord(word)).toBeUndefined();
      expect(isNumberWord(word)).toBe(false);
    }
  });

  it('reads digits only from cardinal digit words', () => {
    expect(['zero', 'one', 'nine'].map(digitValue)).toEqual([0, 1, 9]);
    expect(['oh', 'first', 'ten', 'constructor', undefined].map(digitValue)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads the scales', () => {
    expect(['thousand', 'million', 'billion', 'hundred', 'constructor'].map(scaleValue)).toEqual([
      1_000,
      1_000_000,
      1_000_000_000,
      undefined,
      undefined,
    ]);
  });
});

describe('readNumber', () => {
  it.each([
    ['seven', 7, 1, false, 'unit'],
    ['twelve', 12, 1, false, 'teen'],
    ['forty', 40, 1, false, 'tens'],
    ['twenty nine', 29, 2, false, 'tens'],
    ['a hundred and five', 105, 4, false, 'compound'],
    ['two thousand twenty four', 2024, 4, false, 'compound'],
    ['one thousand five hundred', 1500, 4, false, 'compound'],
    ['three million two hundred thousand', 3_200_000, 5, false, 'compound'],
    ['twenty first', 21, 2, true, 'tens'],
    ['fourth', 4, 1, true, 'unit'],
    ['one hundredth', 100, 2, true, 'compound'],
    ['nineteen ninety nine', 19, 1, false, 'teen'],
    ['five six', 5, 1, false, 'unit'],
    ['five, six', 5, 1, false, 'unit'],
    ['twenty, nine', 20, 1, false, 'tens'],
    ['a hundred and', 100, 2, false, 'compound'],
  ])('reads %j as %j in %j words (ordinal %j, %s)', (text, value, length, ordinal, shape) => {
    expect(readNumber(words(text), 0)).toEqual({ value, length, ordinal, shape });
  });

  it('reads decimals after "point", keeping their leading zeros', () => {
    expect(readNumber(words('three point five'), 0)).toEqual({ value: 3.5, length: 3, ordinal: false, decimals: '5', shape: 'compound' });
    expect(readNumber(words('one point oh five'), 0)).toEqual({
      value: 1.05,
      length: 4,
      ordinal: false,
      decimals: '05',
      shape: 'compound',
    });
    expect(readNumber(words('three, point five'), 0)).toEqual({ value: 3, length: 1, ordinal: false, shape: 'unit' });
  });

  it('reads from where it is told to and finds nothing where no number starts', () => {
    expect(readNumber(words('about twenty five minutes'), 1)).toMatchObject({ value: 25, length: 2 });
    for (const text of ['hello', 'a lot', 'hundred', 'thousand', 'and five', 'oh', 'constructor', 'a, thousand', 'a, hundred']) {
      expect(readNumber(words(text), 0)).toBeUndefined();
    }
    expect(readNumber(words('five'), 1)).toBeUndefined();
  });

  it('reads no word its caller has hidden', () => {
    const hidden: SpokenWords = { length: 2, keyAt: (index) => (index === 1 ? '' : 'twenty'), endsRunAt: () => false };
    expect(readNumber(hidden, 0)).toEqual({ value: 20, length: 1, ordinal: false, shape: 'tens' });
  });
});

describe('readDigitRun', () => {
  it.each([
    ['four two seven one', '4271', 4],
    ['five oh two', '502', 3],
    ['nine oh two one oh', '90210', 5],
    ['five five eight three order', '5583', 4],
    ['one two, three', '12', 2],
  ])('reads %j as %j in %j words', (text, digits, length) => {
    expect(readDigitRun(words(text), 0)).toEqual({ digits, length });
  });

  it('needs two digits, and takes "oh" as zero only between digits or after several', () => {
    expect(readDigitRun(words('five'), 0)).toBeUndefined();
    expect(readDigitRun(words('five oh'), 0)).toBeUndefined();
    expect(readDigitRun(words('oh five five'), 0)).toBeUndefined();
    expect(readDigitRun(words('twenty five'), 0)).toBeUndefined();
  });
});

describe('readBelowHundred', () => {
  it.each([
    ['zero', 0, 1],
    ['seven', 7, 1],
    ['twelve', 12, 1],
    ['eighty', 80, 1],
    ['eighty five', 85, 2],
    ['eighty zero', 80, 1],
    ['eighty oh five', 80, 1],
    ['eighty, five', 80, 1],
    ['twenty five hundred', 25, 2],
  ])('reads %j as %j in %j words', (text, value, length) => {
    expect(readBelowHundred(words(text), 0)).toEqual({ value, length });
  });

  it('reads no ordinal and no other word', () => {
    for (const text of ['fifth', 'twentieth', 'oh', 'hundred', 'constructor']) expect(readBelowHundred(words(text), 0)).toBeUndefined();
  });
});
