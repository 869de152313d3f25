import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { object, string } from '@tnt/protocol';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthTestPeer } from '../testing';
import { AuthStore } from './auth.store';
import { readBlobText } from './blob-text';
import { AuthorizedApi, failureResult, type ApiFailure, type ApiResult, type AuthorizedRequest, type FailureTexts } from './authorized-api';
import { provideAuth } from './provide-auth';

const GREETING = object({ text: string() });

/** A real HTTP server answering every request with what the test set (or not at all), keeping what it received. */
interface ScriptedApi {
  readonly url: string;
  readonly received: { method?: string; authorization?: string; body: string }[];
  answer: { readonly status: number; readonly body: unknown } | 'never';
  stop(): Promise<void>;
}

async function startScriptedApi(): Promise<ScriptedApi> {
  const server: Server = createServer((request: IncomingMessage, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'authorization, content-type');
    response.setHeader('access-control-allow-methods', 'GET, PUT');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      api.received.push({ method: request.method, authorization: request.headers.authorization, body });
      if (api.answer === 'never') return;
      response.writeHead(api.answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(api.answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: ScriptedApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/greeting`,
    received: [],
    answer: { status: 200, body: { text: 'hello' } },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

describe('AuthorizedApi against a real HTTP peer', () => {
  let auth: AuthTestPeer;
  let peer: ScriptedApi;
  let api: AuthorizedApi;
  let store: AuthStore;
  const greeting = (overrides: Partial<AuthorizedRequest<{ text: string }>> = {}) =>
    api.request({ api: 'the greeting API', answer: 'a greeting', method: 'GET', url: peer.url, schema: GREETING, ...overrides });
  /** Has the peer answer `status` with `{code, message}`; gives the result expected of it. */
  function errorAnswer(status: number, code: string, message: string): ApiResult<never> {
    peer.answer = { status, body: { code, message } };
    return { ok: false, failure: { kind: 'error-status', status, code, message, body: { code, message } } };
  }

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    peer = await startScriptedApi();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideAuth({ apiUrl: auth.apiUrl })] });
    store = TestBed.inject(AuthStore);
    await store.signIn('sam', 'sam-password');
    api = TestBed.inject(AuthorizedApi);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
    await auth.stop();
  });

  it('sends the body with the bearer token and gives the checked answer', async () => {
    expect(await greeting({ method: 'PUT', body: { text: 'hi' } })).toEqual({ ok: true, value: { text: 'hello' } });
    expect(peer.received).toEqual([{ method: 'PUT', authorization: `Bearer ${store.token()}`, body: '{"text":"hi"}' }]);
  });

  it('sends nothing when nobody is signed in', async () => {
    store.signOut();
    expect(await greeting()).toEqual({ ok: false, failure: { kind: 'signed-out' } });
    expect(peer.received).toEqual([]);
  });

  it('refuses an answer that does not fit the schema, naming the field', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    peer.answer = { status: 200, body: { text: 7 } };

    const result = await greeting();
    expect(result).toEqual({ ok: false, failure: { kind: 'invalid-answer', message: expect.stringContaining('text') } });
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^TnT: the greeting API answered something that is not a greeting: .*text/));
    errors.mockRestore();
  });

  it("gives an error answer's status with the server's code and message", async () => {
    const expected = errorAnswer(409, 'SETTINGS_VERSION_CONFLICT', 'saved by someone else since version 1');
    expect(await greeting()).toEqual(expected);
    expect(store.token()).toBeDefined();
  });

  it('ends the session as expired when the server answers 401 TOKEN_EXPIRED', async () => {
    const expected = errorAnswer(401, 'TOKEN_EXPIRED', 'the token has expired');
    expect(await greeting()).toEqual(expected);
    expect(store.token()).toBeUndefined();
    expect(store.endedSession()).toEqual({ reason: 'expired', username: 'sam' });
  });

  it('downloads a file as the server sent it, unchecked, with the bearer token', async () => {
    peer.answer = { status: 200, body: { anything: 'at all' } };

    const result = await api.download({ api: 'the greeting API', url: peer.url });
    if (!result.ok) throw new Error(`download failed: ${result.failure.kind}`);
    expect(await readBlobText(result.value)).toBe('{"anything":"at all"}');
    expect(peer.received).toEqual([{ method: 'GET', authorization: `Bearer ${store.token()}`, body: '' }]);
  });

  it("reads a download's error answer like any other, so a 401 TOKEN_EXPIRED ends the session as expired", async () => {
    peer.answer = { status: 401, body: { code: 'TOKEN_EXPIRED', message: 'the token has expired' } };

    expect(await api.download({ api: 'the greeting API', url: peer.url })).toEqual({
      ok: false,
      failure: {
        kind: 'error-status',
        status: 401,
        code: 'TOKEN_EXPIRED',
        message: 'the token has expired',
        body: '{"code":"TOKEN_EXPIRED","message":"the token has expired"}',
      },
    });
    expect(store.endedSession()).toEqual({ reason: 'expired', username: 'sam' });
  });

  it('reports the server as unreachable when nothing answers', async () => {
    // jsdom reports the refused connection on the console as well.
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await peer.stop();

    expect(await greeting()).toEqual({ ok: false, failure: { kind: 'unreachable' } });
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/^TnT: the greeting API did not answer: /));
    errors.mockRestore();
    warnings.mockRestore();
  });

  it('reports the server as unreachable when it does not answer in time', async () => {
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    peer.answer = 'never';

    expect(await greeting({ timeoutMs: 50 })).toEqual({ ok: false, failure: { kind: 'unreachable' } });
    expect(warnings).toHaveBeenCalledWith('TnT: the greeting API did not answer: Timeout has occurred');
    warnings.mockRestore();
  });
});

describe('failureResult', () => {
  const CARDS: FailureTexts<'refused' | 'conflict'> = {
    api: 'the cards API',
    answer: 'a list of cards',
    missing: 'This server has no agent-assist cards API.',
    statuses: { 400: 'refused', 409: 'conflict' },
  };
  const status = (code: number, message = 'the server says why'): ApiFailure => ({
    kind: 'error-status',
    status: code,
    code: undefined,
    message,
  });

  it.each<[string, ApiFailure, ReturnType<typeof failureResult>]>([
    ['nobody signed in', { kind: 'signed-out' }, { ok: false, kind: 'failed', message: 'You are signed out.' }],
    ['a token no longer accepted', status(401), { ok: false, kind: 'failed', message: 'You are signed out.' }],
    ['no answer', { kind: 'unreachable' }, { ok: false, kind: 'failed', message: 'The server cannot be reached; nothing was changed.' }],
    [
      'an answer that is not the schema',
      { kind: 'invalid-answer', message: 'cards[0].title: expected a string' },
      {
        ok: false,
        kind: 'failed',
        message: 'The server answered something that is not a list of cards: cards[0].title: expected a string',
      },
    ],
    ['a 400', status(400, 'cards[1].phrases: empty'), { ok: false, kind: 'refused', message: 'cards[1].phrases: empty' }],
    ['a 409', status(409, 'saved since version 3'), { ok: false, kind: 'conflict', message: 'saved since version 3' }],
    ['a 404', status(404), { ok: false, kind: 'failed', message: 'This server has no agent-assist cards API.' }],
    ['a 403', status(403, 'supervisors only'), { ok: false, kind: 'failed', message: 'supervisors only' }],
  ])('says %s', (_case, failure, expected) => {
    expect(failureResult(failure, CARDS)).toEqual(expected);
  });

  it("logs a status the page does not expect and shows the server's message", () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(failureResult(status(500, 'boom'), CARDS)).toEqual({ ok: false, kind: 'failed', message: 'boom' });
    expect(failureResult(status(409, 'saved since'), { ...CARDS, statuses: { 400: 'refused' } })).toEqual({
      ok: false,
      kind: 'failed',
      message: 'saved since',
    });
    expect(errors.mock.calls).toEqual([['TnT: the cards API answered 500: boom'], ['TnT: the cards API answered 409: saved since']]);
    errors.mockRestore();
  });
});
