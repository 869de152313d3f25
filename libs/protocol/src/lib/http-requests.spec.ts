import { CALL_DETAIL_PARAMETERS, CALL_LIST_PARAMETERS, LOGIN_REQUEST, TRANSCRIPT_PARAMETERS } from './http-requests';
import { validate } from './schema';

describe('GET /api/calls parameters', () => {
  it('accepts every filter given once', () => {
    const query = {
      status: 'ended',
      agentId: 'agent-1',
      from: '2026-03-01',
      to: '2026-03-02T09:30:00+01:00',
      q: 'refund',
      limit: '20',
      cursor: 'abc',
    };
    expect(validate(CALL_LIST_PARAMETERS, query)).toEqual({ ok: true, value: query });
  });

  it.each([
    ['an unknown parameter', { sort: 'asc' }, 'sort'],
    ['a repeated parameter', { status: ['ended', 'active'] }, 'status'],
    ['a nested parameter', { q: { a: 'b' } }, 'q'],
    ['an empty value', { q: '' }, 'q'],
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit in words', { limit: 'ten' }, 'limit'],
    ['a date-time without zone', { to: '2026-03-01T10:00:00' }, 'to'],
    ['an impossible date', { from: '2026-13-45' }, 'from'],
    ['to before from', { from: '2026-03-05', to: '2026-03-01' }, 'to'],
  ])('refuses %s, naming the parameter', (_name, query, path) => {
    expect(validate(CALL_LIST_PARAMETERS, query)).toMatchObject({
      ok: false,
      path,
      message: expect.stringMatching(new RegExp(`^${path} `)),
    });
  });
});

describe('GET /api/calls/:id and its transcript parameters', () => {
  it('takes no parameter for a call, and only a known format for its transcript', () => {
    expect(validate(CALL_DETAIL_PARAMETERS, {})).toEqual({ ok: true, value: {} });
    expect(validate(CALL_DETAIL_PARAMETERS, { format: 'json' })).toMatchObject({ ok: false, path: 'format' });
    expect(validate(TRANSCRIPT_PARAMETERS, {})).toEqual({ ok: true, value: {} });
    expect(validate(TRANSCRIPT_PARAMETERS, { format: 'vtt' })).toEqual({ ok: true, value: { format: 'vtt' } });
    expect(validate(TRANSCRIPT_PARAMETERS, { format: 'pdf' })).toEqual({
      ok: false,
      path: 'format',
      message: 'format must be one of "json", "txt", "vtt", "srt"',
    });
  });
});

describe('POST /api/auth/login body', () => {
  it('accepts a username and password and refuses anything else, naming the field', () => {
    expect(validate(LOGIN_REQUEST, { username: 'sam', password: 'pw' }).ok).toBe(true);
    expect(validate(LOGIN_REQUEST, { password: 'pw' })).toMatchObject({
      path: 'username',
      message: 'username must be a string of 1 to 64 characters',
    });
    expect(validate(LOGIN_REQUEST, { username: 'sam', password: 'pw', remember: true })).toMatchObject({ path: 'remember' });
  });
});
