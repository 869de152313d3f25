import type { AlertRule, AlertSeverity, Speaker } from '@tnt/protocol';

/** A rule ready to match: its phrases as stems, its regex compiled. */
export interface CompiledRule {
  readonly name: string;
  readonly severity: AlertSeverity;
  readonly speaker?: Speaker;
  readonly phrases: readonly (readonly string[])[];
  readonly regex?: RegExp;
}

/** What a rule matched in a segment. */
export interface RuleMatch {
  readonly rule: CompiledRule;
  /** The words that matched, as they are written in the segment. */
  readonly matched: string;
}

/**
 * A word's stem by a few suffix rules, enough for `cancel`, `cancels`, `cancelled`, `cancelling`,
 * `cancellation` … to meet: not a linguist's stemmer, a predictable one that a rule author can
 * reason about.
 */
export function stem(word: string): string {
  let stemmed = word
    .toLowerCase()
    .replace(/[^a-z0-9']/g, '')
    .replace(/'s$/, '');
  for (const [suffix, replacement] of SUFFIXES) {
    if (stemmed.length - suffix.length >= 3 && stemmed.endsWith(suffix)) {
      stemmed = stemmed.slice(0, stemmed.length - suffix.length) + replacement;
      break;
    }
  }
  // Doubled final consonants (`cancell`, `stopp`) meet their single form.
  return stemmed.replace(/([bdfglmnprt])\1$/, '$1');
}

const SUFFIXES: readonly (readonly [string, string])[] = [
  ['ations', ''],
  ['ation', ''],
  ['ings', ''],
  ['ing', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['ed', ''],
  ['es', ''],
  ['ly', ''],
  ['s', ''],
];

/** Splits text into words with their stems; placeholders such as `[CARD]` are words too. */
export function wordsOf(text: string): { word: string; stem: string }[] {
  return (text.match(/[\p{L}\p{N}'[\]]+/gu) ?? []).map((word) => ({ word, stem: stem(word) })).filter((entry) => entry.stem !== '');
}

/** Throws a `TypeError` naming the rule when its regex does not compile. */
export function compileRule(rule: AlertRule): CompiledRule {
  let regex: RegExp | undefined;
  if (rule.regex !== undefined) {
    try {
      regex = new RegExp(rule.regex, 'iu');
    } catch (error) {
      throw new TypeError(`alert rule ${JSON.stringify(rule.name)}: regex does not compile: ${(error as Error).message}`);
    }
  }
  return {
    name: rule.name,
    severity: rule.severity ?? 'warning',
    ...(rule.speaker ? { speaker: rule.speaker } : {}),
    phrases: (rule.phrases ?? []).map((phrase) => wordsOf(phrase).map((entry) => entry.stem)).filter((stems) => stems.length > 0),
    ...(regex ? { regex } : {}),
  };
}

/**
 * The rules `text` (said by `speaker`) matches. `before` are the last words of the speaker's
 * previous final, so that a phrase said across two segments matches in the second; a match lying
 * wholly in `before` is not reported again.
 */
export function matchRules(rules: readonly CompiledRule[], text: string, speaker: Speaker, before = ''): RuleMatch[] {
  const previous = wordsOf(before);
  const words = [...previous, ...wordsOf(text)];
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    if (rule.speaker !== undefined && rule.speaker !== speaker) continue;
    const phrase = findPhrase(rule.phrases, words, previous.length);
    if (phrase) {
      matches.push({ rule, matched: phrase });
      continue;
    }
    const found = rule.regex?.exec(text);
    if (found) matches.push({ rule, matched: found[0] });
  }
  return matches;
}

/** The first phrase found in `words` ending after `ownFrom` (in this segment), as written. */
function findPhrase(
  phrases: readonly (readonly string[])[],
  words: readonly { word: string; stem: string }[],
  ownFrom: number,
): string | undefined {
  for (const phrase of phrases) {
    for (let start = 0; start + phrase.length <= words.length; start++) {
      if (start + phrase.length <= ownFrom) continue;
      if (phrase.every((part, offset) => words[start + offset].stem === part)) {
        return words
          .slice(start, start + phrase.length)
          .map((entry) => entry.word)
          .join(' ');
      }
    }
  }
  return undefined;
}
