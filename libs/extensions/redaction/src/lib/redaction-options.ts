import type { PiiEntity } from './pii-entities';

/** How the redaction module is set up (see `RedactionModule.forRoot`). */
export interface RedactionOptions {
  /** The kinds of personal data to replace. */
  readonly entities: readonly PiiEntity[];
  /** A date with a year up to this one is taken for a date of birth even when no birth word is said. */
  readonly latestBirthYear: number;
  /** How much of a speaker's audio may lie between two segments for a number to be read across them. */
  readonly carryWindowMs: number;
  /** Most calls whose speakers' last words are held for that. */
  readonly carriedCalls: number;
}

/** Injection token of the {@link RedactionOptions}. */
export const REDACTION_OPTIONS = Symbol('REDACTION_OPTIONS');
