import type { SpokenToken } from './spoken-tokens';

/** Last labels of a domain that make `… dot <label>` an address rather than a sentence. */
const TOP_LEVEL_DOMAINS = new Set(
  'com org net edu gov mil io co uk us ca de fr info biz me ai app dev au in nl es it ch se no ie nz eu tv'.split(' '),
);
/** Words said between the parts of the name before the `at`. */
const LOCAL_SEPARATORS = new Set(['dot', 'period', 'underscore', 'dash', 'hyphen', 'minus']);
/**
 * Words that end a sentence before `at` rather than name a mailbox (`look at example dot com` is a
 * web site, not someone's address).
 */
const NOT_A_MAILBOX = new Set(
  (
    'look looking looked at is are was were be been me us him her them it this that here there you we they i online email mail ' +
    'site website go went going check visit find found shop order ordered buy bought stay stayed work works worked and or the ' +
    'a an to from on in out up just still also directly anytime anything something reach contact write arrive arrived'
  ).split(' '),
);
/** An address as written: `jane.miller@example.com`. */
const WRITTEN_ADDRESS = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;
/** A domain as written: `example.com`, `mail.example.co.uk`. */
const WRITTEN_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.([a-z]{2,})$/;

/** Tokens that say an e-mail address; `open` when the address may go on in the speaker's next segment. */
export interface AddressSpan {
  readonly first: number;
  readonly end: number;
  readonly open: boolean;
}

function isWordPart(word: string | undefined): boolean {
  return word !== undefined && /^[a-z0-9][a-z0-9._-]*$/.test(word) && !LOCAL_SEPARATORS.has(word) && word !== 'at';
}

/** Where the name before the `at` at `atIndex` starts, and whether it clearly is one (separators, spelled letters). */
function mailboxBefore(words: readonly string[], atIndex: number): { first: number; clear: boolean } | undefined {
  let first = atIndex - 1;
  if (!isWordPart(words[first])) return undefined;
  let clear = /[._-]/.test(words[first]);
  for (;;) {
    if (LOCAL_SEPARATORS.has(words[first - 1]) && isWordPart(words[first - 2])) {
      first -= 2;
      clear = true;
    } else if (words[first].length === 1 && words[first - 1]?.length === 1 && isWordPart(words[first - 1])) {
      first -= 1;
      clear = true;
    } else {
      break;
    }
  }
  if (!clear && NOT_A_MAILBOX.has(words[first])) return undefined;
  return { first, clear };
}

/** Where the domain after the `at` at `atIndex` ends, or that it runs to the end of the words unfinished. */
function domainAfter(words: readonly string[], atIndex: number): { end: number } | 'unfinished' | undefined {
  let cursor = atIndex + 1;
  if (words[cursor] === 'sign') cursor++;
  const first = words[cursor];
  if (first === undefined) return 'unfinished';
  const written = WRITTEN_DOMAIN.exec(first);
  if (written && TOP_LEVEL_DOMAINS.has(written[2])) return { end: cursor + 1 };
  if (!isWordPart(first)) return undefined;
  let end: number | undefined;
  while (words[cursor + 1] === 'dot' || words[cursor + 1] === 'period') {
    const label = words[cursor + 2];
    if (label === undefined) return 'unfinished';
    if (!isWordPart(label)) break;
    cursor += 2;
    if (TOP_LEVEL_DOMAINS.has(label)) end = cursor + 1;
  }
  if (end !== undefined) return { end };
  return cursor + 1 >= words.length ? 'unfinished' : undefined;
}

/**
 * E-mail addresses, written (`jane.miller@example.com`) or spoken (`jane dot miller at example dot
 * com`, `j d m at example dot co dot uk`). An address still being spoken at the end of the words
 * (`jane dot miller at`) is returned `open` when its mailbox is clearly one.
 */
export function findEmailAddresses(tokens: readonly SpokenToken[]): AddressSpan[] {
  const words = tokens.map((token) => token.word);
  const spans: AddressSpan[] = [];
  words.forEach((word, index) => {
    if (WRITTEN_ADDRESS.test(word)) spans.push({ first: index, end: index + 1, open: false });
  });
  for (let index = 1; index < words.length; index++) {
    if (words[index] !== 'at') continue;
    const mailbox = mailboxBefore(words, index);
    if (!mailbox) continue;
    const domain = domainAfter(words, index);
    if (domain === undefined) continue;
    if (domain === 'unfinished') {
      if (mailbox.clear) spans.push({ first: mailbox.first, end: words.length, open: true });
      continue;
    }
    spans.push({ first: mailbox.first, end: domain.end, open: false });
    index = domain.end - 1;
  }
  return spans;
}
