/** A line of a domain text or vocabulary file that cannot be used, and why. */
export class DomainInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file} line ${line}: ${reason}`);
    this.name = 'DomainInputError';
  }
}

/** A vocabulary line: a word or phrase, and for a single word optionally its phones. */
export interface VocabularyEntry {
  readonly words: readonly string[];
  readonly pronunciation?: readonly string[];
}

/** The phones of pocketsphinx's en-us acoustic model (CMU set without stress). */
export const EN_US_PHONES: ReadonlySet<string> = new Set(
  'AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH'.split(' '),
);

/** Punctuation a sentence may carry; it separates words and is otherwise dropped. */
const PUNCTUATION = /[.,!?;:"()]/g;
const WORD = /^[a-z]+(?:'[a-z]+)*$/;

/** Words of one line of text, lower-cased; throws naming the line when a word is unusable. */
function tokenise(text: string, file: string, line: number): string[] {
  const words = text.toLowerCase().replace(PUNCTUATION, ' ').replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  for (const word of words) {
    if (/\d/.test(word)) throw new DomainInputError(file, line, `"${word}" has digits: spell numbers as words ("four five" for 45)`);
    if (!WORD.test(word)) throw new DomainInputError(file, line, `"${word}" is not a word (letters and inner apostrophes only)`);
  }
  return words;
}

/** The sentences of a domain text (one a line; blank lines and `#` comments skipped), tokenised. */
export function parseDomainText(text: string, file: string): string[][] {
  const sentences: string[][] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    sentences.push(tokenise(line, file, index + 1));
  });
  if (sentences.length === 0) throw new DomainInputError(file, 1, 'no sentences: give one sentence a line');
  return sentences;
}

/**
 * The entries of a vocabulary file: one word or phrase a line, a single word optionally followed,
 * after two spaces or a tab, by its phones (`tnt  T IY EH N T IY`).
 */
export function parseVocabulary(text: string, file: string): VocabularyEntry[] {
  const entries: VocabularyEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [phrase, phones, ...rest] = line.split(/\t+| {2,}/);
    if (rest.length > 0) throw new DomainInputError(file, index + 1, 'expected "word" or "word  PHONES" (two spaces or a tab between)');
    const words = tokenise(phrase, file, index + 1);
    if (phones === undefined) return void entries.push({ words });
    if (words.length !== 1) throw new DomainInputError(file, index + 1, 'a pronunciation can be given for a single word only');
    const pronunciation = phones.trim().toUpperCase().split(/\s+/);
    const unknown = pronunciation.filter((phone) => !EN_US_PHONES.has(phone));
    if (unknown.length > 0) {
      throw new DomainInputError(file, index + 1, `unknown phones ${unknown.join(', ')} (en-us phones: ${[...EN_US_PHONES].join(' ')})`);
    }
    entries.push({ words, pronunciation });
  });
  return entries;
}
