import { HISTORY_PAGE, HISTORY_TRANSCRIPT, HTTP_ERROR_BODY, LOGIN_RESPONSE, ME_RESPONSE, type HistoryCall } from './http-responses';
import { validate } from './schema';
import { TntError } from './tnt-error';

const storedCall: HistoryCall = {
  id: 'demo-7',
  agentId: 'agent-2',
  from: '+15550100',
  startedAt: '2026-03-02T09:00:00.000Z',
  endedAt: '2026-03-02T09:02:00.000Z',
  status: 'ended',
  endReason: 'completed',
  lastSeq: 9,
  finalSegmentCount: 2,
};

const match = {
  seq: 3,
  segmentId: 'u1',
  speaker: 'caller',
  startMs: 0,
  endMs: 900,
  text: 'a refund',
  highlights: [{ start: 2, end: 8 }],
  highlighted: 'a <mark>refund</mark>',
};

const segment = {
  id: 'u1',
  text: 'a refund',
  speaker: 'caller',
  confidence: 0.8,
  timestamp: '2026-03-02T09:00:01.000Z',
  isFinal: true,
  startMs: 0,
  endMs: 900,
  engine: 'pocketsphinx',
  simulated: false,
};

describe('GET /api/calls answer', () => {
  it('accepts a page of calls with matches, and the last page with a null cursor', () => {
    const page = { calls: [{ ...storedCall, matches: [match] }], nextCursor: 'next' };
    expect(validate(HISTORY_PAGE, page)).toEqual({ ok: true, value: page });
    expect(validate(HISTORY_PAGE, { calls: [], nextCursor: null })).toEqual({ ok: true, value: { calls: [], nextCursor: null } });
  });

  it('keeps fields a newer server adds to a call, as the live protocol does', () => {
    const page = { calls: [{ ...storedCall, queue: 'billing' }], nextCursor: null };
    expect(validate(HISTORY_PAGE, page)).toEqual({ ok: true, value: page });
  });

  it.each([
    ['a page without its cursor', { calls: [] }, 'nextCursor', 'nextCursor must be a non-empty string, or null on the last page'],
    [
      'a call without its id',
      { calls: [{ ...storedCall, id: undefined }], nextCursor: null },
      'calls[0].id',
      'calls[0].id must be a non-empty string',
    ],
    [
      'a call without its count of final segments',
      { calls: [{ ...storedCall, finalSegmentCount: undefined }], nextCursor: null },
      'calls[0].finalSegmentCount',
      'calls[0].finalSegmentCount must be an integer of at least 0',
    ],
    [
      'a match of an unknown speaker',
      { calls: [{ ...storedCall, matches: [{ ...match, speaker: 'robot' }] }], nextCursor: null },
      'calls[0].matches[0].speaker',
      'calls[0].matches[0].speaker must be one of "caller", "agent"',
    ],
    [
      'a highlight given as text',
      { calls: [{ ...storedCall, matches: [{ ...match, highlights: [{ start: '2', end: 8 }] }] }], nextCursor: null },
      'calls[0].matches[0].highlights[0].start',
      'calls[0].matches[0].highlights[0].start must be an integer of at least 0',
    ],
    [
      'a highlight ending before it starts',
      { calls: [{ ...storedCall, matches: [{ ...match, highlights: [{ start: 5, end: 2 }] }] }], nextCursor: null },
      'calls[0].matches[0].highlights[0].end',
      'calls[0].matches[0].highlights[0].end must be at least start',
    ],
    [
      'a highlight beyond the text',
      { calls: [{ ...storedCall, matches: [{ ...match, highlights: [{ start: 2, end: 80 }] }] }], nextCursor: null },
      'calls[0].matches[0].highlights',
      'calls[0].matches[0].highlights must be ranges within text',
    ],
  ])('refuses %s, naming the field', (_name, page, path, message) => {
    expect(validate(HISTORY_PAGE, page)).toEqual({ ok: false, path, message });
  });
});

describe('GET /api/calls/:id/transcript answer', () => {
  it('accepts a stored call with its final segments', () => {
    const transcript = { call: storedCall, segments: [segment] };
    expect(validate(HISTORY_TRANSCRIPT, transcript)).toEqual({ ok: true, value: transcript });
  });

  it('refuses a segment without a speaker and a call without lastSeq, naming the field', () => {
    expect(validate(HISTORY_TRANSCRIPT, { call: storedCall, segments: [{ ...segment, speaker: undefined }] })).toMatchObject({
      ok: false,
      path: 'segments[0].speaker',
    });
    expect(validate(HISTORY_TRANSCRIPT, { call: { ...storedCall, lastSeq: undefined }, segments: [] })).toEqual({
      ok: false,
      path: 'call.lastSeq',
      message: 'call.lastSeq must be an integer of at least 0',
    });
  });
});

describe('HTTP error body', () => {
  it('is what TntError answers with, and nothing else', () => {
    const body = new TntError('CALL_NOT_FOUND', 'call x is not in the history', { callId: 'x' }).toBody();
    expect(validate(HTTP_ERROR_BODY, body)).toEqual({
      ok: true,
      value: { code: 'CALL_NOT_FOUND', message: 'call x is not in the history' },
    });
  });

  it('refuses a code that is not documented and a body without a message', () => {
    expect(validate(HTTP_ERROR_BODY, { code: 'NOT_FOUND', message: 'x' })).toMatchObject({ ok: false, path: 'code' });
    expect(validate(HTTP_ERROR_BODY, { statusCode: 404, message: 'Cannot GET /x' })).toMatchObject({ ok: false, path: 'code' });
    expect(validate(HTTP_ERROR_BODY, { code: 'UNAUTHORIZED' })).toEqual({
      ok: false,
      path: 'message',
      message: 'message must be a string',
    });
  });
});

describe('auth answers', () => {
  const agent = { token: 't', expiresAt: '2026-03-02T17:00:00.000Z', username: 'ana', role: 'agent', agentId: 'agent-7' };

  it('accepts a sign-in of an agent with its agent id and of a supervisor without one', () => {
    expect(validate(LOGIN_RESPONSE, agent)).toEqual({ ok: true, value: agent });
    const { agentId: _agentId, ...supervisor } = { ...agent, username: 'sam', role: 'supervisor' };
    expect(validate(LOGIN_RESPONSE, supervisor).ok).toBe(true);
  });

  it('refuses a sign-in without a token, with an unknown role, or of an agent without its agent id', () => {
    expect(validate(LOGIN_RESPONSE, { ...agent, token: '' })).toEqual({
      ok: false,
      path: 'token',
      message: 'token must be a non-empty string',
    });
    expect(validate(LOGIN_RESPONSE, { ...agent, role: 'admin' })).toMatchObject({
      path: 'role',
      message: 'role must be one of "supervisor", "agent"',
    });
    expect(validate(LOGIN_RESPONSE, { ...agent, agentId: undefined })).toEqual({
      ok: false,
      path: 'agentId',
      message: 'agentId must be given for an agent',
    });
  });

  it('accepts whom a token belongs to, with or without its expiry', () => {
    expect(validate(ME_RESPONSE, { username: 'sam', role: 'supervisor' }).ok).toBe(true);
    expect(validate(ME_RESPONSE, { username: 'ana', role: 'agent', agentId: 'agent-7', expiresAt: agent.expiresAt }).ok).toBe(true);
    expect(validate(ME_RESPONSE, { role: 'agent' })).toMatchObject({ ok: false, path: 'username' });
  });
});
