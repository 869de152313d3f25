import { TestBed } from '@angular/core/testing';
import { AuthStore, readBlobText } from '@tnt/dashboard/data-access-auth';
import { aStoredCall, aStoredSegment, startHistoryTestSession, type HistoryTestSession } from '../testing';
import { HistoryApiClient } from './history-api.client';

const REFUND_CALL = aStoredCall({ id: 'demo-7', agentId: 'agent-2', startedAt: '2026-03-02T09:00:00.000Z' }, [
  aStoredSegment({ id: 'u1', speaker: 'caller', text: 'I would like a refund for my order.' }),
  aStoredSegment({ id: 'u2', speaker: 'agent', text: 'Of course, the refund is on its way.', startMs: 4200 }),
]);
const BILLING_CALL = aStoredCall({ id: 'demo-8', agentId: 'agent-1', startedAt: '2026-03-02T10:00:00.000Z' }, [
  aStoredSegment({ id: 'u1', text: 'My bill looks wrong.' }),
]);

describe('HistoryApiClient against a real HTTP peer', () => {
  let session: HistoryTestSession;
  let api: HistoryApiClient;
  let token: string;

  beforeEach(async () => {
    session = await startHistoryTestSession([BILLING_CALL, REFUND_CALL]);
    TestBed.configureTestingModule({ providers: session.providers });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    token = TestBed.inject(AuthStore).token() as string;
    api = TestBed.inject(HistoryApiClient);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  it('lists stored calls with the bearer token and the filters as query parameters', async () => {
    const result = await api.listCalls({ agentId: 'agent-2', status: 'ended' }, { limit: 10 });

    expect(result).toEqual({ ok: true, value: { calls: [REFUND_CALL.call], nextCursor: null } });
    expect(session.history.requests).toEqual([
      { path: '/api/calls', query: { agentId: 'agent-2', status: 'ended', limit: '10' }, authorization: `Bearer ${token}` },
    ]);
  });

  it('finds a call by a spoken word with each matching line and the ranges to highlight', async () => {
    const result = await api.listCalls({ text: 'refund' }, { limit: 10 });
    if (!result.ok) throw new Error(`search failed: ${result.problem.kind}`);

    expect(result.value.calls.map((call) => call.id)).toEqual(['demo-7']);
    const matches = result.value.calls[0].matches ?? [];
    expect(matches.map((match) => [match.segmentId, match.speaker, match.highlights])).toEqual([
      ['u1', 'caller', [{ start: 15, end: 21 }]],
      ['u2', 'agent', [{ start: 15, end: 21 }]],
    ]);
    expect(matches[0].text.slice(15, 21)).toBe('refund');
  });

  it('follows the cursor to the next, older page', async () => {
    const first = await api.listCalls({}, { limit: 1 });
    if (!first.ok || first.value.nextCursor === null) throw new Error('expected a first page with a cursor');
    const second = await api.listCalls({}, { limit: 1, cursor: first.value.nextCursor });

    expect(first.value.calls.map((call) => call.id)).toEqual(['demo-8']);
    expect(second).toEqual({ ok: true, value: { calls: [REFUND_CALL.call], nextCursor: null } });
    expect(session.history.requests[1].query).toEqual({ limit: '1', cursor: first.value.nextCursor });
  });

  it('reads a stored transcript from the JSON export', async () => {
    expect(await api.transcript('demo-7')).toEqual({ ok: true, value: REFUND_CALL });
    expect(session.history.requests[0]).toMatchObject({ path: '/api/calls/demo-7/transcript', query: { format: 'json' } });
  });

  it('exports a transcript as a file named after the call, holding exactly what the server sent', async () => {
    const result = await api.exportTranscript('demo-7', 'vtt');
    if (!result.ok) throw new Error(`export failed: ${result.problem.kind}`);

    expect(result.value.fileName).toBe('call-demo-7.vtt');
    expect(await readBlobText(result.value.blob)).toBe(
      'WEBVTT\n\ncaller: I would like a refund for my order.\nagent: Of course, the refund is on its way.\n',
    );
  });

  it('reports an unknown call as not found, for data and for files alike', async () => {
    const notFound = { ok: false, problem: { kind: 'not-found', message: 'call nope is not in the history' } };

    expect(await api.transcript('nope')).toEqual(notFound);
    expect(await api.exportTranscript('nope', 'txt')).toEqual(notFound);
  });

  it("reports a refused parameter with the server's message naming it", async () => {
    expect(await api.listCalls({}, { limit: 500 })).toEqual({
      ok: false,
      problem: { kind: 'invalid-request', message: 'limit must be an integer from 1 to 200' },
    });
  });

  it('refuses a listing that is not a page of calls, saying which field is wrong', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    session.history.answerMalformed({ calls: [{ ...REFUND_CALL.call, finalSegmentCount: 'two' }], nextCursor: null });

    expect(await api.listCalls({}, { limit: 10 })).toEqual({
      ok: false,
      problem: {
        kind: 'unexpected',
        status: 200,
        message: 'the answer is not a page of calls: calls[0].finalSegmentCount must be an integer of at least 0',
      },
    });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('calls[0].finalSegmentCount must be an integer of at least 0'));
    errors.mockRestore();
  });

  it('refuses matches whose highlights do not fit their line, and a transcript with a malformed segment', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const match = { seq: 2, segmentId: 'u1', speaker: 'caller', startMs: 0, endMs: 900, text: 'refund', highlighted: '' };
    session.history.answerMalformed({
      calls: [{ ...REFUND_CALL.call, matches: [{ ...match, highlights: [{ start: 0, end: 60 }] }] }],
      nextCursor: null,
    });
    expect(await api.listCalls({ text: 'refund' }, { limit: 10 })).toMatchObject({
      ok: false,
      problem: { message: 'the answer is not a page of calls: calls[0].matches[0].highlights must be ranges within text' },
    });

    session.history.answerMalformed({ call: REFUND_CALL.call, segments: [{ id: 'u1', text: 'no speaker' }] });
    expect(await api.transcript('demo-7')).toMatchObject({
      ok: false,
      problem: { kind: 'unexpected', message: expect.stringMatching(/^the answer is not a transcript: segments\[0\]\.speaker must be /) },
    });
    errors.mockRestore();
  });

  it('takes code and message only from a documented error body, and the HTTP status text otherwise', async () => {
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    session.history.answerMalformed({ statusCode: 404, message: 'Cannot GET /api/calls' }, 404);

    expect(await api.listCalls({}, { limit: 10 })).toEqual({
      ok: false,
      problem: { kind: 'unexpected', status: 404, message: expect.stringMatching(/^Http failure response for .*: 404 Not Found$/) },
    });
    expect(warnings).toHaveBeenCalledWith(
      expect.stringMatching(/^TnT: the history API's 404 answer is not \{code, message\}: code must be one of /),
    );
    warnings.mockRestore();
    errors.mockRestore();
  });

  it('reports a gateway that keeps no history as unavailable', async () => {
    session.history.keepNoHistory();

    expect(await api.listCalls({}, { limit: 10 })).toEqual({
      ok: false,
      problem: { kind: 'unavailable', message: 'this gateway keeps no history (TNT_STORE=memory)' },
    });
  });

  it('ends the session when the server says the token has expired', async () => {
    session.expire(token);
    const auth = TestBed.inject(AuthStore);

    expect(await api.listCalls({}, { limit: 10 })).toEqual({ ok: false, problem: { kind: 'signed-out' } });
    expect(auth.session()).toBeUndefined();
    expect(auth.endedSession()).toEqual({ reason: 'expired', username: 'sam' });
  });

  it('asks nothing while nobody is signed in', async () => {
    TestBed.inject(AuthStore).signOut();

    expect(await api.listCalls({}, { limit: 10 })).toEqual({ ok: false, problem: { kind: 'signed-out' } });
    expect(session.history.requests).toEqual([]);
  });

  it('reports the server as unreachable when nothing answers', async () => {
    // jsdom reports the refused connection on the console as well.
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await session.history.stop();

    expect(await api.listCalls({}, { limit: 10 })).toEqual({ ok: false, problem: { kind: 'unreachable' } });
    errors.mockRestore();
  });
});
