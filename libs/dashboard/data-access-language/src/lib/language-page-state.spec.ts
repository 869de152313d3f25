import type { LanguageModelStatus } from '@tnt/protocol';
import { GENERIC_STATUS } from '../testing';
import {
  decodingModelOf,
  INITIAL_LANGUAGE_STATE,
  isBuilding,
  refusalOf,
  saveAnswered,
  saveStarted,
  statusRead,
  textChanged,
} from './language-page-state';

const BUILDING: LanguageModelStatus = {
  ...GENERIC_STATUS,
  state: 'building',
  domainTextFile: 'api domain text',
  domainText: 'my router is down\n',
  vocabulary: 'zyxel\n',
};
const IN_USE: LanguageModelStatus = { ...BUILDING, state: 'in-use', domainWeight: 0.5, sentences: 1, addedWords: ['zyxel'] };

describe('the Language page state', () => {
  it('fills the form from the first status it reads, and leaves the form alone when the status is read again', () => {
    const loaded = statusRead(INITIAL_LANGUAGE_STATE, { ok: true, status: BUILDING });
    expect(loaded).toEqual({
      phase: 'ready',
      model: BUILDING,
      domainText: 'my router is down\n',
      vocabulary: 'zyxel\n',
      saving: false,
      problem: undefined,
    });
    const typing = textChanged(loaded, 'domainText', 'my modem is down');
    const polled = statusRead(typing, { ok: true, status: IN_USE });
    expect(polled.model).toEqual(IN_USE);
    expect(polled.domainText).toBe('my modem is down');
    expect(polled.vocabulary).toBe('zyxel\n');
  });

  it('says why the status could not be read, keeping the status shown after the first load', () => {
    expect(statusRead(INITIAL_LANGUAGE_STATE, { ok: false, kind: 'failed', message: 'down' })).toMatchObject({
      phase: 'failed',
      problem: 'down',
    });
    const loaded = statusRead(INITIAL_LANGUAGE_STATE, { ok: true, status: BUILDING });
    expect(statusRead(loaded, { ok: false, kind: 'failed', message: 'down' })).toMatchObject({
      phase: 'ready',
      model: BUILDING,
      problem: 'down',
    });
  });

  it('keeps the status when a save is refused, with the text and line the refusal names, until the next save', () => {
    const loaded = statusRead(INITIAL_LANGUAGE_STATE, { ok: true, status: GENERIC_STATUS });
    const refused = saveAnswered(saveStarted(loaded), {
      ok: false,
      kind: 'refused',
      message: 'api vocabulary line 2: unknown phones X',
    });
    expect(refused).toMatchObject({
      model: GENERIC_STATUS,
      saving: false,
      refusal: { message: 'api vocabulary line 2: unknown phones X', field: 'vocabulary', line: 2 },
    });
    expect(saveStarted(refused)).toMatchObject({ saving: true, refusal: undefined, problem: undefined });
  });

  it('takes the status a save answered, which says building', () => {
    const loaded = statusRead(INITIAL_LANGUAGE_STATE, { ok: true, status: GENERIC_STATUS });
    const saved = saveAnswered(saveStarted(loaded), { ok: true, status: BUILDING });
    expect(saved).toMatchObject({ saving: false, model: BUILDING });
    expect(isBuilding(saved)).toBe(true);
    expect(isBuilding(loaded)).toBe(false);
    expect(saveAnswered(saveStarted(loaded), { ok: false, kind: 'failed', message: 'down' })).toMatchObject({
      problem: 'down',
      saving: false,
    });
  });

  it('keeps a refusal that names no line as it is', () => {
    expect(refusalOf('the scripted engine has no language model to replace')).toEqual({
      message: 'the scripted engine has no language model to replace',
    });
  });

  it.each([
    ['generic', GENERIC_STATUS, 'generic'],
    ['a first build', BUILDING, 'generic'],
    ['a rebuild', { ...BUILDING, previousModelInUse: true }, 'previous domain'],
    ['a domain model', IN_USE, 'domain'],
    ['a failed first build', { ...BUILDING, state: 'failed', error: 'x' }, 'generic'],
    ['a failed rebuild', { ...BUILDING, state: 'failed', previousModelInUse: true, error: 'x' }, 'previous domain'],
  ] as const)('says which model decodes new calls with %s', (_case, status, model) => {
    expect(decodingModelOf(status)).toBe(model);
  });
});
