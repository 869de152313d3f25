import { object, string, type Infer } from './schema';

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

/** `generic`: no domain text; `building`; `in-use`: the domain model decodes new calls; `failed`: the latest build failed. */
export type LanguageModelState = 'generic' | 'building' | 'in-use' | 'failed';

/** The answer of `GET` and `PUT /api/language`: which language model new calls are decoded with, and how the latest build went. */
export interface LanguageModelStatus {
  readonly state: LanguageModelState;
  /** Where the domain text came from: the start file (`TNT_DOMAIN_TEXT_FILE`), `api` after a PUT, `null` without one. */
  readonly domainTextFile: string | null;
  readonly vocabularyFile: string | null;
  /** The domain text of the latest build (in use, building or failed); `''` without one. */
  readonly domainText: string;
  /** The vocabulary of the latest build; `''` without one. */
  readonly vocabulary: string;
  /** True while an earlier domain model still decodes new calls (during a rebuild, or after a failed one). */
  readonly previousModelInUse: boolean;
  /** Weight of the domain model in the mix (held-back perplexity, capped). */
  readonly domainWeight: number | null;
  readonly sentences: number | null;
  /** Words the generic dictionary lacked, pronounced as given or by letter-to-sound. */
  readonly addedWords: readonly string[];
  /** Why the latest build failed, naming the file and line for a bad input. */
  readonly error: string | null;
}
