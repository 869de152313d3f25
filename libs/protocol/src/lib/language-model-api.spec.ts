import { LANGUAGE_MODEL_STATUS, LANGUAGE_MODEL_UPDATE } from './language-model-api';
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
});
