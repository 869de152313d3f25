import type { AlertRule, AlertRulesState, AlertSeverity, Speaker } from '@tnt/protocol';

/** One rule as the form edits it: phrases one per line, empty strings for what is not set. */
export interface RuleDraft {
  /** Stable across edits, so the list re-renders the rows that changed only. */
  readonly key: number;
  readonly name: string;
  /** One phrase a line. */
  readonly phrases: string;
  readonly regex: string;
  readonly speaker: Speaker | '';
  readonly severity: AlertSeverity;
}

/** A field of a rule the server can name in an error (`rules[2].regex must …`). */
export type RuleField = 'name' | 'phrases' | 'regex' | 'speaker' | 'severity';

/** Everything the Rules page shows. */
export interface RulesEditorState {
  readonly phase: 'loading' | 'ready' | 'saving';
  readonly drafts: readonly RuleDraft[];
  /** The store version the drafts started from: sent with the save, so a newer one is refused. */
  readonly version: number;
  readonly nextKey: number;
  /** Server validation errors by draft key and field. */
  readonly fieldErrors: Readonly<Record<number, Partial<Record<RuleField, string>>>>;
  /** Someone else saved since `version`: the page offers to load theirs. */
  readonly conflict?: string;
  /** A failure that belongs to no field (the network, a refused sign-in …). */
  readonly problem?: string;
  /** Set after a save succeeded, until the next edit. */
  readonly savedVersion?: number;
  /** Edits not saved yet. */
  readonly dirty: boolean;
}

/** A failed request as the page sees it. */
export interface RulesFailure {
  readonly status: number;
  readonly code?: string;
  readonly message: string;
}

export const INITIAL_RULES_EDITOR: RulesEditorState = {
  phase: 'loading',
  drafts: [],
  version: 0,
  nextKey: 1,
  fieldErrors: {},
  dirty: false,
};

const FIELD_ERROR = /^rules\[(\d+)\]\.(name|phrases|regex|speaker|severity)\b/;

/** The server's rules (a load, or the answer of a save) replace the drafts. */
export function rulesLoaded(state: RulesEditorState, answer: AlertRulesState): RulesEditorState {
  let nextKey = state.nextKey;
  const drafts = answer.rules.map((rule) => draftOf(rule, nextKey++));
  return { phase: 'ready', drafts, version: answer.version, nextKey, fieldErrors: {}, dirty: false };
}

/** A save succeeded: the answer is the new state, with its version noted for the page. */
export function rulesSaved(state: RulesEditorState, answer: AlertRulesState): RulesEditorState {
  return { ...rulesLoaded(state, answer), savedVersion: answer.version };
}

/** Appends an empty rule to fill in. */
export function ruleAdded(state: RulesEditorState): RulesEditorState {
  const draft: RuleDraft = { key: state.nextKey, name: '', phrases: '', regex: '', speaker: '', severity: 'warning' };
  return edited(state, [...state.drafts, draft], state.nextKey + 1);
}

/** Changes fields of the rule `key`; its error for those fields is cleared. */
export function ruleChanged(state: RulesEditorState, key: number, change: Partial<Omit<RuleDraft, 'key'>>): RulesEditorState {
  const drafts = state.drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft));
  const errors = { ...state.fieldErrors[key] };
  for (const field of Object.keys(change) as RuleField[]) delete errors[field];
  return { ...edited(state, drafts, state.nextKey), fieldErrors: { ...state.fieldErrors, [key]: errors } };
}

/** Removes the rule `key`. */
export function ruleRemoved(state: RulesEditorState, key: number): RulesEditorState {
  const { [key]: _removed, ...fieldErrors } = state.fieldErrors;
  return {
    ...edited(
      state,
      state.drafts.filter((draft) => draft.key !== key),
      state.nextKey,
    ),
    fieldErrors,
  };
}

/** A save is on its way. */
export function saveStarted(state: RulesEditorState): RulesEditorState {
  return { ...state, phase: 'saving', fieldErrors: {}, conflict: undefined, problem: undefined, savedVersion: undefined };
}

/**
 * A load or save failed: a 409 is a conflict, a 400 naming `rules[i].<field>` goes beside that field
 * of the i-th rule, anything else is a problem for the whole page. The drafts are kept.
 */
export function rulesFailed(state: RulesEditorState, failure: RulesFailure): RulesEditorState {
  const ready = { ...state, phase: 'ready' as const };
  if (failure.status === 409) return { ...ready, conflict: failure.message };
  const field = failure.status === 400 ? FIELD_ERROR.exec(failure.message) : null;
  const draft = field ? state.drafts[Number(field[1])] : undefined;
  if (!field || !draft) return { ...ready, problem: failure.message };
  const name = field[2] as RuleField;
  return { ...ready, fieldErrors: { ...state.fieldErrors, [draft.key]: { ...state.fieldErrors[draft.key], [name]: failure.message } } };
}

/** The drafts as the API takes them: blank phrase lines dropped, empty fields left out. */
export function rulesOf(drafts: readonly RuleDraft[]): AlertRule[] {
  return drafts.map((draft) => {
    const phrases = draft.phrases
      .split('\n')
      .map((phrase) => phrase.trim())
      .filter((phrase) => phrase !== '');
    return {
      name: draft.name.trim(),
      ...(phrases.length > 0 ? { phrases } : {}),
      ...(draft.regex.trim() !== '' ? { regex: draft.regex.trim() } : {}),
      ...(draft.speaker !== '' ? { speaker: draft.speaker } : {}),
      severity: draft.severity,
    };
  });
}

function draftOf(rule: AlertRule, key: number): RuleDraft {
  return {
    key,
    name: rule.name,
    phrases: (rule.phrases ?? []).join('\n'),
    regex: rule.regex ?? '',
    speaker: rule.speaker ?? '',
    severity: rule.severity ?? 'warning',
  };
}

function edited(state: RulesEditorState, drafts: readonly RuleDraft[], nextKey: number): RulesEditorState {
  return { ...state, drafts, nextKey, dirty: true, savedVersion: undefined, problem: undefined };
}
