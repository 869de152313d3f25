import { fixedToken, rewrite, wordTable, type Rewrite, type Token } from './tokens';

/** Top-level domains a spoken address may end in; others are too easily ordinary words. */
const TOP_LEVEL_DOMAINS = new Set([
  'com',
  'org',
  'net',
  'edu',
  'gov',
  'io',
  'co',
  'uk',
  'us',
  'ca',
  'de',
  'fr',
  'nl',
  'au',
  'ie',
  'info',
  'biz',
  'app',
  'dev',
]);

/** Spoken separators inside an address and what they are written as. */
const SEPARATORS = wordTable<string>({ dot: '.', underscore: '_', dash: '-', hyphen: '-' });

/**
 * Words that are never the single word before "at" in an e-mail address: "email me at …", "reach
 * us at …", "it is at …" name no mailbox.
 */
const NOT_A_MAILBOX = new Set([
  'me',
  'us',
  'you',
  'him',
  'her',
  'them',
  'it',
  'is',
  'was',
  'be',
  'here',
  'there',
  'look',
  'email',
  'mail',
  'e-mail',
  'write',
  'contact',
  'reach',
  'call',
  'online',
  'available',
  'that',
  'this',
  'one',
  'site',
  'website',
]);

/** Words that are never the first label of a web address ("the dot com era"). */
const NOT_A_LABEL = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'is', 'it', 'that', 'this', 'dot']);

/** A word that can be part of an address: letters and digits only. */
function isLabel(token: Token | undefined): boolean {
  return token !== undefined && !token.fixed && token.tail === '' && /^[a-z0-9]+$/.test(token.key) && !(token.key in SEPARATORS);
}

/** The end (exclusive) of a domain `label dot label … dot tld` starting at `start`, or -1. */
function domainEnd(tokens: readonly Token[], start: number): number {
  if (!isLabel(tokens[start]) || NOT_A_LABEL.has(tokens[start].key)) return -1;
  let index = start + 1;
  let end = -1;
  while (tokens[index]?.key === 'dot' && !tokens[index].fixed && tokens[index].tail === '' && tokens[index + 1]) {
    const label = tokens[index + 1];
    if (!/^[a-z0-9]+$/.test(label.key) || label.fixed) break;
    index += 2;
    if (TOP_LEVEL_DOMAINS.has(label.key)) end = index;
    if (label.tail !== '') break;
  }
  return end;
}

/** `slash help slash billing` after a domain; returns the path and where it ends. */
function pathAfter(tokens: readonly Token[], start: number): { path: string; end: number } {
  let path = '';
  let index = start;
  while (tokens[index - 1]?.tail === '' && tokens[index]?.key === 'slash' && tokens[index].tail === '' && tokens[index + 1]) {
    const segment = tokens[index + 1];
    if (!/^[a-z0-9]+$/.test(segment.key) || segment.fixed) break;
    path += `/${segment.key}`;
    index += 2;
  }
  return { path, end: index };
}

function spell(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((token) => SEPARATORS[token.key] ?? token.key)
    .join('');
}

/** The start of the mailbox `jane dot miller` that ends right before `atIndex`, or -1. */
function mailboxStart(tokens: readonly Token[], atIndex: number): number {
  let start = atIndex - 1;
  if (!isLabel(tokens[start])) return -1;
  while (start >= 2 && tokens[start - 1].key in SEPARATORS && tokens[start - 1].tail === '' && isLabel(tokens[start - 2])) start -= 2;
  if (start === atIndex - 1 && NOT_A_MAILBOX.has(tokens[start].key)) return -1;
  return start;
}

/**
 * Joins spoken e-mail and web addresses: `jane dot miller at example dot com` →
 * `jane.miller@example.com`, `www dot example dot com slash help` → `www.example.com/help`. An
 * address must end in a known top-level domain.
 */
export function formatAddresses(tokens: readonly Token[]): Token[] {
  // Every address has a domain, and every domain a spoken "dot": without one there is nothing to join.
  if (!tokens.some((token) => token.key === 'dot')) return [...tokens];
  // Mailboxes are found from their "at", which comes after the words the walk has already passed:
  // so the walk looks ahead from each label for "… at domain".
  return rewrite(tokens, (all, index): Rewrite | undefined => {
    if (!isLabel(all[index])) return undefined;
    for (let atIndex = index + 1; atIndex < all.length && atIndex <= index + 9; atIndex++) {
      if (all[atIndex].key !== 'at' || all[atIndex].fixed || all[atIndex].tail !== '') continue;
      if (mailboxStart(all, atIndex) !== index) continue;
      const end = domainEnd(all, atIndex + 1);
      if (end < 0) continue;
      return { length: end - index, replacement: [fixedToken(`${spell(all, index, atIndex)}@${spell(all, atIndex + 1, end)}`)] };
    }
    const end = domainEnd(all, index);
    if (end < 0) return undefined;
    const { path, end: pathEnd } = pathAfter(all, end);
    return { length: pathEnd - index, replacement: [fixedToken(spell(all, index, end) + path)] };
  });
}
