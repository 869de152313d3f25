/** What a number word is: a digit (`seven`, `seventh`), a teen (`twelve`, `twelfth`) or tens (`forty`, `fortieth`). */
export type NumberWordKind = 'unit' | 'teen' | 'tens';

/** The meaning of one spoken number word. */
export interface NumberWord {
  readonly value: number;
  readonly kind: NumberWordKind;
  /** True for `fourth`, `twelfth`, `twentieth`. */
  readonly ordinal: boolean;
}

const CARDINALS: readonly (readonly [NumberWordKind, Readonly<Record<string, number>>])[] = [
  ['unit', { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }],
  [
    'teen',
    { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 },
  ],
  ['tens', { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }],
];
const ORDINALS: readonly (readonly [NumberWordKind, Readonly<Record<string, number>>])[] = [
  ['unit', { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9 }],
  [
    'teen',
    {
      tenth: 10,
      eleventh: 11,
      twelfth: 12,
      thirteenth: 13,
      fourteenth: 14,
      fifteenth: 15,
      sixteenth: 16,
      seventeenth: 17,
      eighteenth: 18,
      nineteenth: 19,
    },
  ],
  ['tens', { twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90 }],
];

/**
 * Every number word by its lower-case spelling. A map, not an object: a transcript's "constructor" is
 * not one of its entries, and a look-up of any word (most are none) is one hash probe.
 */
const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = new Map(
  [
    ...CARDINALS.map(([kind, words]) => entries(kind, words, false)),
    ...ORDINALS.map(([kind, words]) => entries(kind, words, true)),
  ].flatMap((table) => Object.entries(table)),
);

/** The words that multiply what was said before them (`two thousand`), in a table without a prototype (no "constructor"). */
const SCALES: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, {
  thousand: 1_000,
  million: 1_000_000,
  billion: 1_000_000_000,
});

function entries(kind: NumberWordKind, words: Readonly<Record<string, number>>, ordinal: boolean): Record<string, NumberWord> {
  return Object.fromEntries(Object.entries(words).map(([word, value]) => [word, { value, kind, ordinal }]));
}

/** What the lower-case `word` means as a number word (`zero` … `ninety`, `first` … `ninetieth`), or `undefined`. */
export function numberWord(word: string | undefined): NumberWord | undefined {
  return word === undefined ? undefined : NUMBER_WORDS.get(word);
}

/** True when the lower-case `word` is a number word that can start a spoken number. */
export function isNumberWord(word: string | undefined): boolean {
  return numberWord(word) !== undefined;
}

/** The value of a spoken digit (`zero` … `nine`, not `oh` and not an ordinal), or `undefined`. */
export function digitValue(word: string | undefined): number | undefined {
  const found = numberWord(word);
  return found && found.kind === 'unit' && !found.ordinal ? found.value : undefined;
}

/** The value of `thousand`, `million` or `billion`, or `undefined`. */
export function scaleValue(word: string | undefined): number | undefined {
  return word === undefined ? undefined : SCALES[word];
}
