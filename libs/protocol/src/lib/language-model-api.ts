import { array, boolean, integer, literal, number, object, oneOf, string, union, type Infer } from './schema';

/** Largest domain text or vocabulary a supervisor may send (characters): about 800 sentences: both fit the 100 kB JSON body limit. */
export const LANGUAGE_TEXT_MAX_LENGTH = 40_000;

/**
 * The body of `PUT /api/language` (supervisors): the whole new domain text (sentences typical of the
 * calls, one a line) and vocabulary (a word or phrase a line, a word optionally followed by two
 * spaces and its phones). A bad line is refused with 400 `VALIDATION_FAILED` naming it; a good one
 * starts a build, and calls that start after it is `in-use` are decoded with the new model.
 */
export const LANGUAGE_MODEL_UPDATE = object(
  {
    domainText: string({ min: 1, max: LANGUAGE_TEXT_MAX_LENGTH, rule: 'a non-empty text of at most 40,000 characters' }),
    vocabulary: string({ max: LANGUAGE_TEXT_MAX_LENGTH, rule: 'a text of at most 40,000 characters' }),
  },
  'reject',
);
/** A new domain text and vocabulary, see {@link LANGUAGE_MODEL_UPDATE}. */
export type LanguageModelUpdate = Infer<typeof LANGUAGE_MODEL_UPDATE>;

/** The name a domain text saved through `PUT /api/language` goes by in the status and in the messages naming its lines. */
export const API_DOMAIN_TEXT_NAME = 'api domain text';
/** The name a vocabulary saved through `PUT /api/language` goes by. */
export const API_VOCABULARY_NAME = 'api vocabulary';

/** The text of a `PUT /api/language` a message names. */
export type LanguageTextField = keyof LanguageModelUpdate;

/**
 * The text and line a refusal of `PUT /api/language` names, read from its message
 * (`api vocabulary line 2: unknown phones X …` → `{field: 'vocabulary', line: 2}`;
 * `domainText must be …` → `{field: 'domainText'}`).
 */
export function languageLineOf(message: string): { field: LanguageTextField; line?: number } | undefined {
  const names: readonly [string, LanguageTextField][] = [
    [API_DOMAIN_TEXT_NAME, 'domainText'],
    [API_VOCABULARY_NAME, 'vocabulary'],
  ];
  for (const [name, field] of names) {
    const found = new RegExp(`^${name} line (\\d+):`).exec(message);
    if (found) return { field, line: Number(found[1]) };
    if (message.startsWith(`${field} must`)) return { field };
  }
  return undefined;
}

/** `generic`: no domain text; `building`; `in-use`: the domain model decodes new calls; `failed`: the latest build failed. */
export const LANGUAGE_MODEL_STATE = oneOf(['generic', 'building', 'in-use', 'failed']);
/** A language model's state, see {@link LANGUAGE_MODEL_STATE}. */
export type LanguageModelState = Infer<typeof LANGUAGE_MODEL_STATE>;

/** A text, or `null` (before there is one). */
const TEXT_OR_NULL = union([string(), literal(null)], 'a string, or null');

/**
 * The answer of `GET` and `PUT /api/language`: which language model new calls are decoded with,
 * and how the latest build went.
 * - `domainTextFile`: where the domain text came from: the start file (`TNT_DOMAIN_TEXT_FILE`),
 *   `api domain text` after a PUT, `null` without one; `vocabularyFile` likewise.
 * - `domainText`, `vocabulary`: the texts of the latest build (in use, building or failed); `''` without one.
 * - `previousModelInUse`: true while an earlier domain model still decodes new calls (during a
 *   rebuild, or after a failed one).
 * - `domainWeight`: the domain model's weight in the mix (held-back perplexity, capped); `sentences`:
 *   the domain text's sentences; both `null` until a build is in use.
 * - `addedWords`: words the generic dictionary lacked, pronounced as given or by letter-to-sound.
 * - `error`: why the latest build failed, naming the file and line for a bad input.
 */
export const LANGUAGE_MODEL_STATUS = object(
  {
    state: LANGUAGE_MODEL_STATE,
    domainTextFile: TEXT_OR_NULL,
    vocabularyFile: TEXT_OR_NULL,
    domainText: string(),
    vocabulary: string(),
    previousModelInUse: boolean(),
    domainWeight: union([number({ min: 0, max: 1 }), literal(null)], 'a number from 0 to 1, or null before a build is in use'),
    sentences: union([integer({ min: 0 }), literal(null)], 'a whole number, or null before a build is in use'),
    addedWords: array(string()),
    error: TEXT_OR_NULL,
  },
  'reject',
);
/** Which language model decodes new calls and how its build went, see {@link LANGUAGE_MODEL_STATUS}. */
export type LanguageModelStatus = Infer<typeof LANGUAGE_MODEL_STATUS>;
