import {
  INITIAL_RULES_EDITOR,
  ruleAdded,
  ruleChanged,
  ruleRemoved,
  rulesFailed,
  rulesLoaded,
  rulesOf,
  rulesSaved,
  saveStarted,
} from './rules-editor';

const loaded = rulesLoaded(INITIAL_RULES_EDITOR, {
  rules: [
    { name: 'refund', phrases: ['refund', 'money back'], severity: 'info' },
    { name: 'legal', regex: 'lawyer', speaker: 'caller' },
  ],
  version: 3,
});

describe('rules editor', () => {
  it('turns the stored rules into drafts, phrases one a line, at their version', () => {
    expect(loaded).toMatchObject({ phase: 'ready', version: 3, dirty: false });
    expect(loaded.drafts).toEqual([
      { key: 1, name: 'refund', phrases: 'refund\nmoney back', regex: '', speaker: '', severity: 'info' },
      { key: 2, name: 'legal', phrases: '', regex: 'lawyer', speaker: 'caller', severity: 'warning' },
    ]);
  });

  it('gives back the rules the API takes, leaving out what was left empty', () => {
    let state = ruleAdded(loaded);
    state = ruleChanged(state, 3, { name: ' cancel ', phrases: 'cancel my subscription\n\n  close my account ' });
    expect(rulesOf(state.drafts)).toEqual([
      { name: 'refund', phrases: ['refund', 'money back'], severity: 'info' },
      { name: 'legal', regex: 'lawyer', speaker: 'caller', severity: 'warning' },
      { name: 'cancel', phrases: ['cancel my subscription', 'close my account'], severity: 'warning' },
    ]);
    expect(state.dirty).toBe(true);
  });

  it('removes a rule and its errors', () => {
    const failed = rulesFailed(loaded, { status: 400, code: 'VALIDATION_FAILED', message: 'rules[0].name must be a string' });
    const state = ruleRemoved(failed, 1);
    expect(state.drafts.map((draft) => draft.name)).toEqual(['legal']);
    expect(state.fieldErrors).toEqual({});
  });

  it('puts a validation error the server names beside that field of that rule', () => {
    const message = 'rules[1].regex must compile (alert rule "legal": regex does not compile: Unterminated group)';
    const state = rulesFailed(saveStarted(loaded), { status: 400, code: 'VALIDATION_FAILED', message });
    expect(state.fieldErrors).toEqual({ 2: { regex: message } });
    expect(state.problem).toBeUndefined();
    expect(state.phase).toBe('ready');
    expect(ruleChanged(state, 2, { regex: 'lawyer|attorney' }).fieldErrors).toEqual({ 2: {} });
  });

  it('reports a refused save over an older version as a conflict, keeping the drafts', () => {
    const edited = ruleChanged(loaded, 1, { name: 'refunds' });
    const state = rulesFailed(saveStarted(edited), { status: 409, code: 'SETTINGS_VERSION_CONFLICT', message: 'now version 4' });
    expect(state.conflict).toBe('now version 4');
    expect(state.drafts[0].name).toBe('refunds');
  });

  it('reports any other failure for the whole page', () => {
    expect(rulesFailed(loaded, { status: 0, message: 'The server did not answer' }).problem).toBe('The server did not answer');
    expect(rulesFailed(loaded, { status: 400, message: 'rules[9].name must be set' }).problem).toBe('rules[9].name must be set');
  });

  it('starts again from the saved rules and notes the new version', () => {
    const state = rulesSaved(saveStarted(ruleAdded(loaded)), { rules: [{ name: 'refund', phrases: ['refund'] }], version: 4 });
    expect(state).toMatchObject({ phase: 'ready', version: 4, savedVersion: 4, dirty: false });
    expect(ruleChanged(state, state.drafts[0].key, { name: 'x' }).savedVersion).toBeUndefined();
  });
});
