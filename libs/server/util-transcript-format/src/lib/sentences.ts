import { withTail, type Token } from './tokens';

/** Auxiliary verbs that open a yes/no question when a subject follows ("can you", "is it"). */
const AUXILIARIES = new Set([
  'am',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'have',
  'has',
  'had',
  "isn't",
  "aren't",
  "don't",
  "doesn't",
  "didn't",
  "can't",
  "won't",
  "wouldn't",
  "couldn't",
  "shouldn't",
  "haven't",
  "hasn't",
]);

/** Words that can be the subject right after an auxiliary in a question. */
const SUBJECTS = new Set([
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  'it',
  'there',
  'this',
  'that',
  'these',
  'those',
  'the',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'a',
  'an',
  'somebody',
  'someone',
  'anybody',
  'anyone',
  'anything',
  'something',
  'everything',
  'everyone',
  'any',
  'some',
]);

const QUESTION_WORDS = new Set(['what', 'when', 'where', 'why', 'who', 'whom', 'whose', 'which', 'how']);

/** Words after a question word that keep it a question ("how long", "what about"). */
const QUESTION_WORD_FOLLOWERS = new Set([
  'long',
  'much',
  'many',
  'often',
  'far',
  'soon',
  'about',
  'else',
  'not',
  'kind',
  'time',
  'exactly',
]);

/**
 * Words and phrases that open a turn and are followed by a comma when more follows ("hi, I was
 * charged twice"), unless the next word continues them ("thank you for calling", "no problem").
 */
const OPENERS = [
  ['good', 'morning'],
  ['good', 'afternoon'],
  ['good', 'evening'],
  ['thank', 'you'],
  ['no', 'problem'],
  ['of', 'course'],
  ['all', 'right'],
  ['excuse', 'me'],
  ['got', 'it'],
  ['hi'],
  ['hello'],
  ['hey'],
  ['yes'],
  ['yeah'],
  ['yep'],
  ['no'],
  ['nope'],
  ['okay'],
  ['ok'],
  ['sure'],
  ['alright'],
  ['thanks'],
  ['oh'],
  ['sorry'],
  ['please'],
] as const;

/** Words that continue an opener instead of starting a new clause after it. */
const CONTINUATIONS = new Set(['for', 'so', 'very', 'much', 'to', 'about', 'and', 'then', 'there', 'again', 'problem', 'thanks', 'thank']);

/**
 * Words that open a turn as often as they describe something ("great, how long" but "great news"):
 * they get a comma only before a pronoun, a question word or another opener.
 */
const SOFT_OPENERS = new Set(['great', 'perfect', 'right', 'well', 'fine', 'cool', 'wonderful', 'lovely', 'excellent', 'awesome']);
const PRONOUNS = new Set(['i', "i'm", "i'll", "i've", "i'd", 'you', 'we', 'they', 'he', 'she', 'it', "it's", 'that', "that's", 'let']);

/** Closing words that follow a comma at the end of a turn: "that is all, thanks". */
const CLOSINGS = [['thanks'], ['thank', 'you'], ['thanks', 'a', 'lot'], ['thank', 'you', 'so', 'much'], ['thank', 'you', 'very', 'much']];

/**
 * Words after which a question word or "can you" belongs to the statement, not to a new question:
 * "I know what is wrong", "tell me how it is done", "what can you do".
 */
const EMBEDDING_WORDS = new Set(['if', 'whether', 'know', 'wonder', 'see', 'tell', 'ask', 'asked', 'and', 'or', 'but', ...QUESTION_WORDS]);

/** `i`, `i'm`, `i'll` … written with a capital I. */
export function capitalizeI(tokens: readonly Token[]): Token[] {
  return tokens.map((token) =>
    !token.fixed && (token.key === 'i' || token.key.startsWith("i'")) && token.word[0] === 'i'
      ? { ...token, word: `I${token.word.slice(1)}` }
      : token,
  );
}

function matchesAt(tokens: readonly Token[], start: number, words: readonly string[]): boolean {
  return words.every((word, offset) => tokens[start + offset]?.key === word && !tokens[start + offset].fixed);
}

/** How many tokens the opener at `start` takes, or 0. */
function openerLength(tokens: readonly Token[], start: number): number {
  const opener = OPENERS.find((words) => matchesAt(tokens, start, words));
  if (opener) return opener.length;
  const next = tokens[start + 1]?.key ?? '';
  const introducesClause = PRONOUNS.has(next) || QUESTION_WORDS.has(next) || OPENERS.some((words) => words[0] === next);
  return SOFT_OPENERS.has(tokens[start]?.key ?? '') && !tokens[start].fixed && introducesClause ? 1 : 0;
}

/** Where a closing "thanks" starts at the end of a turn of more words, or -1. */
function closingStart(tokens: readonly Token[]): number {
  for (const words of CLOSINGS) {
    const start = tokens.length - words.length;
    if (start >= 2 && matchesAt(tokens, start, words) && !CONTINUATIONS.has(tokens[start - 1].key)) return start;
  }
  return -1;
}

/** True when the words after an opener at `start` start a clause of their own ("no, I don't" but "no one"). */
function startsClause(tokens: readonly Token[], start: number): boolean {
  // A soft opener was already checked against what follows it.
  if (start === 1 && SOFT_OPENERS.has(tokens[0].key)) return true;
  if (CONTINUATIONS.has(tokens[start].key)) return false;
  // "no" before anything but a subject is a determiner: "no one", "no idea", "no longer".
  return tokens[start - 1].key !== 'no' || start > 1 || SUBJECTS.has(tokens[start].key);
}

/** True when the clause starting at `start` reads as a question. */
function opensQuestion(tokens: readonly Token[], start: number, atTurnStart: boolean): boolean {
  const first = tokens[start]?.fixed ? '' : tokens[start]?.key;
  const next = tokens[start + 1];
  // A name a rule wrote (`Jane Miller`) can be the subject: "is Jane Miller there".
  const second = next === undefined ? '' : next.fixed ? (/^[A-Z]/.test(next.word) ? 'someone' : '') : next.key;
  if (first === undefined || tokens[start].tail !== '') return false;
  if (QUESTION_WORDS.has(first)) {
    // "how can I help", "what is the order number", "how long will it take"; not "when I called".
    if (!AUXILIARIES.has(second) && !QUESTION_WORD_FOLLOWERS.has(second)) return false;
    return atTurnStart || SUBJECTS.has(tokens[start + 2]?.key ?? '');
  }
  if (!AUXILIARIES.has(first)) return false;
  if (atTurnStart) return SUBJECTS.has(second);
  // Inside a turn only the clearest openings start a question: "can you", "may I", "is there anything".
  if (second === 'you') return true;
  if (second === 'i') return first === 'can' || first === 'could' || first === 'may';
  return (first === 'is' || first === 'are') && second === 'there' && THERE_QUESTIONS.has(tokens[start + 2]?.key ?? '');
}

/** What follows "is there" in a question rather than in "the problem is there is no signal". */
const THERE_QUESTIONS = new Set(['anything', 'any', 'anyone', 'anybody', 'something', 'someone', 'somebody', 'a', 'an']);

/**
 * Adds the punctuation inside a turn that the words make clear: a comma after an opening "hi",
 * "thank you" or "okay" when more follows, and a comma before a question that follows a statement
 * ("this is Dana, how can I help you today"). Returns the tokens and whether the turn ends in a question.
 */
export function punctuateClauses(tokens: readonly Token[]): { tokens: Token[]; question: boolean } {
  const output = [...tokens];
  let clauseStart = 0;
  const opener = openerLength(output, 0);
  if (opener > 0 && opener < output.length && output[opener - 1].tail === '' && startsClause(output, opener)) {
    output[opener - 1] = withTail(output[opener - 1], ',');
    clauseStart = opener;
  }
  let question = opensQuestion(output, clauseStart, true);
  for (let index = clauseStart + 1; index < output.length; index++) {
    if (/[.!?]$/.test(output[index - 1].tail)) {
      question = opensQuestion(output, index, true);
      continue;
    }
    if (!opensQuestion(output, index, false) || EMBEDDING_WORDS.has(output[index - 1].key)) continue;
    if (output[index - 1].tail === '') output[index - 1] = withTail(output[index - 1], ',');
    question = true;
  }
  const closing = closingStart(output);
  if (closing > 0 && output[closing - 1].tail === '') output[closing - 1] = withTail(output[closing - 1], ',');
  return { tokens: output, question };
}

/** Upper-cases the first letter of the turn and of every word after `.`, `?` or `!`. */
export function sentenceCase(tokens: readonly Token[]): Token[] {
  return tokens.map((token, index) => {
    const startsSentence = index === 0 || /[.!?]$/.test(tokens[index - 1].tail);
    // Addresses keep their case even at the start of a sentence: `jane.miller@example.com`.
    if (!startsSentence || token.fixed || !/^[a-z]/.test(token.word) || /[@/]|\.[a-z]/i.test(token.word)) return token;
    return { ...token, word: token.word[0].toUpperCase() + token.word.slice(1) };
  });
}

/** Ends the turn with `?` or `.` unless the engine already punctuated it. */
export function endSentence(tokens: readonly Token[], question: boolean): Token[] {
  const last = tokens.at(-1);
  if (!last || /[.!?]$/.test(last.tail)) return [...tokens];
  // "… in the U.S." already ends in a full stop.
  if (!question && last.tail === '' && last.word.endsWith('.')) return [...tokens];
  const tail = last.tail.replace(/[,;:]+$/, '') + (question ? '?' : '.');
  return [...tokens.slice(0, -1), withTail(last, tail)];
}
