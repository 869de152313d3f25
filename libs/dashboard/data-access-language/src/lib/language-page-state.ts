import { languageLineOf, type LanguageModelStatus, type LanguageTextField } from '@tnt/protocol';
import type { LanguageResult } from './language.client';

/** Why the server refused a save: its message, and the text and line it names when it names one. */
export interface LanguageRefusal {
  readonly message: string;
  readonly field?: LanguageTextField;
  readonly line?: number;
}

/**
 * What the Language page shows: the model's latest status, the two texts as the supervisor is
 * editing them, whether a save is under way, and why the last one was refused or anything failed.
 */
export interface LanguagePageState {
  readonly phase: 'loading' | 'ready' | 'failed';
  /** The status the server gave last; undefined until it gave one. */
  readonly model?: LanguageModelStatus;
  /** The domain text in the form: the status's until the supervisor edits it. */
  readonly domainText: string;
  /** The vocabulary in the form. */
  readonly vocabulary: string;
  readonly saving: boolean;
  /** The server's 400 for the last save (it names the line), until the next save. */
  readonly refusal?: LanguageRefusal;
  /** Why the status could not be read or the save not sent, until the next answer. */
  readonly problem?: string;
}

/** The state before anything is loaded. */
export const INITIAL_LANGUAGE_STATE: LanguagePageState = { phase: 'loading', domainText: '', vocabulary: '', saving: false };

/** The refusal with the text and line its message names (`api vocabulary line 2: …`). */
export function refusalOf(message: string): LanguageRefusal {
  const named = languageLineOf(message);
  return named ? { message, ...named } : { message };
}

/**
 * The next state once `GET /api/language` answered (the first load or a poll during a build): the
 * status in force; the form takes the status's texts on the first load only, so a poll never
 * overwrites what the supervisor is typing. A failed read keeps the status shown.
 */
export function statusRead(state: LanguagePageState, result: LanguageResult): LanguagePageState {
  if (!result.ok) return { ...state, phase: state.phase === 'loading' ? 'failed' : state.phase, problem: result.message };
  const first = state.phase !== 'ready';
  return {
    ...state,
    phase: 'ready',
    model: result.status,
    ...(first ? { domainText: result.status.domainText, vocabulary: result.status.vocabulary } : {}),
    problem: undefined,
  };
}

/** The form with `field` changed to `text`. */
export function textChanged(state: LanguagePageState, field: LanguageTextField, text: string): LanguagePageState {
  return { ...state, [field]: text };
}

/** The state while the form's texts are being sent: the last refusal and problem are cleared. */
export function saveStarted(state: LanguagePageState): LanguagePageState {
  return { ...state, saving: true, refusal: undefined, problem: undefined };
}

/**
 * The next state once `PUT /api/language` answered: the new status (`building`), or the refusal
 * naming the line with the status as it was (the model in use stays), or the problem.
 */
export function saveAnswered(state: LanguagePageState, result: LanguageResult): LanguagePageState {
  if (result.ok) return { ...state, saving: false, model: result.status };
  if (result.kind === 'refused') return { ...state, saving: false, refusal: refusalOf(result.message) };
  return { ...state, saving: false, problem: result.message };
}

/** True while the server builds a model: the page then reads the status again until it is in use or failed. */
export function isBuilding(state: LanguagePageState): boolean {
  return state.model?.state === 'building';
}

/**
 * Which model decodes calls that start now, in words: the domain model when one is in use, the
 * previous domain model while a rebuild runs or after it failed, the generic model otherwise.
 */
export function decodingModelOf(model: LanguageModelStatus): 'domain' | 'previous domain' | 'generic' {
  if (model.state === 'in-use') return 'domain';
  if ((model.state === 'building' || model.state === 'failed') && model.previousModelInUse) return 'previous domain';
  return 'generic';
}
