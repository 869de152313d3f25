import { LANGUAGE_MODEL_STATUS, LANGUAGE_MODEL_UPDATE, languageLineOf } from './language-model-api';
import { validate } from './schema';

const GENERIC = {
  state: 'generic',
  domainTextFile: null,
  vocabularyFile: null,
  domainText: '',
  vocabulary: '',
  previousModelInUse: false,
  domainWeight: null,
  sentences: null,
  addedWords: [],
  error: null,
};

describe('language model API', () => {
  it('accepts the status of a generic model and of a domain model in use', () => {
    expect(validate(LANGUAGE_MODEL_STATUS, GENERIC)).toEqual({ ok: true, value: GENERIC });
    const inUse = {
      ...GENERIC,
      state: 'in-use',
      domainTextFile: 'api domain text',
      domainText: 'my router is down\n',
      domainWeight: 0.5,
      sentences: 1,
      addedWords: ['zyxel'],
    };
    expect(validate(LANGUAGE_MODEL_STATUS, inUse).ok).toBe(true);
  });

  it.each([
    ['an unknown state', { ...GENERIC, state: 'ready' }, 'state'],
    ['a weight above one', { ...GENERIC, domainWeight: 2 }, 'domainWeight'],
    ['a fractional sentence count', { ...GENERIC, sentences: 1.5 }, 'sentences'],
    ['an added word that is not a string', { ...GENERIC, addedWords: [1] }, 'addedWords[0]'],
    ['a missing error', { ...GENERIC, error: undefined }, 'error'],
    ['an unknown field', { ...GENERIC, extra: true }, 'extra'],
  ])('refuses a status with %s, naming the field', (_case, status, field) => {
    const result = validate(LANGUAGE_MODEL_STATUS, status);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.path).toBe(field);
  });

  it('refuses an update with an empty domain text', () => {
    expect(validate(LANGUAGE_MODEL_UPDATE, { domainText: '', vocabulary: '' })).toMatchObject({ ok: false, path: 'domainText' });
  });

  it.each([
    ['api vocabulary line 2: unknown phones X (en-us phones: AA AE)', { field: 'vocabulary', line: 2 }],
    ['api domain text line 12: "45" has digits', { field: 'domainText', line: 12 }],
    ['domainText must be a non-empty text of at most 40,000 characters', { field: 'domainText' }],
    ['vocabulary must be a text of at most 40,000 characters', { field: 'vocabulary' }],
    ['the scripted engine has no language model to replace', undefined],
    ['/data/domain.txt line 3: no sentences', undefined],
  ])('reads the text and line the refusal "%s" names', (message, named) => {
    expect(languageLineOf(message)).toEqual(named);
  });
});
