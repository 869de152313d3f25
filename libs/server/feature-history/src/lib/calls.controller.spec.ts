import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  HISTORY_CALL,
  HISTORY_PAGE,
  HISTORY_TRANSCRIPT,
  HTTP_ERROR_BODY,
  validate,
  type CallInfo,
  type Schema,
  type ValidationResult,
} from '@tnt/protocol';
import { prepareTestAccess, type TestAccess } from '@tnt/server/feature-auth/testing';
import { CALL_STORAGE, StorageModule, type CallStorage } from '@tnt/server/feature-storage';
import type { CallListPage } from '@tnt/server/util-call-archive';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSrt, parseWebVtt } from '../testing/subtitle-parsers';
import { HistoryModule } from './history.module';

/** The history API as the gateway serves it: real HTTP, real tokens, real SQLite in `dataDir`. */
async function startApi(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string; access: TestAccess }> {
  const access = await prepareTestAccess(dataDir);
  const history = HistoryModule.forRoot({
    imports: [StorageModule],
    archive: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.archive },
  });
  @Module({ imports: [ConfigModule.forRoot(loadConfig({ TNT_DATA_DIR: dataDir, ...env })), history] })
  class ApiModule {}
  const app = await NestFactory.create(ApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, access };
}

/** `GET url` with a bearer token. */
function getWith(token: string, url: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${token}` } });
}

describe('history API /api/calls', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-history-api-'));
  let app: INestApplication;
  let url: string;
  let access: TestAccess;
  const get = (path: string, token = access.supervisorToken) => getWith(token, `${url}${path}`);
  const getJson = async <T>(path: string, token?: string): Promise<{ status: number; body: T }> => {
    const response = await get(path, token);
    return { status: response.status, body: (await response.json()) as T };
  };

  function record(
    id: string,
    agentId: string,
    startedAt: string,
    lines: [speaker: 'caller' | 'agent', text: string, startMs: number][],
    end = true,
  ): void {
    const store = app.get<CallStorage>(CALL_STORAGE).eventStore;
    const call: CallInfo = { id, agentId, startedAt, status: 'active', from: '+15550100' };
    store.createCall(call);
    store.append({ type: 'call', event: 'started', seq: 1, call });
    lines.forEach(([speaker, text, startMs], index) =>
      store.append({
        type: 'transcript',
        callId: id,
        seq: index + 2,
        transcript: {
          id: `${id}-${index}`,
          text,
          speaker,
          confidence: 0.9,
          timestamp: startedAt,
          isFinal: true,
          startMs,
          endMs: startMs + 1500,
          engine: 'scripted',
          simulated: true,
        },
      }),
    );
    if (end)
      store.append({
        type: 'call',
        event: 'ended',
        seq: lines.length + 2,
        call: { ...call, status: 'ended', endedAt: startedAt, endReason: 'completed' },
      });
  }

  beforeAll(async () => {
    ({ app, url, access } = await startApi(dataDir));
    for (let index = 1; index <= 7; index++) {
      const day = String(index).padStart(2, '0');
      record(
        `call-${index}`,
        `agent-${(index % 2) + 1}`,
        `2026-03-${day}T09:00:00.000Z`,
        [
          ['caller', index === 3 ? 'My parcel arrived damaged' : `Question number ${index}`, 1000],
          ['agent', 'Let me look into it', 3000],
        ],
        index !== 7,
      );
    }
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists calls newest first, filtered by status, agent and start time', async () => {
    const all = await getJson<CallListPage>('/api/calls');
    expect(all.status).toBe(200);
    expect(all.body.calls.map((call) => call.id)).toEqual(['call-7', 'call-6', 'call-5', 'call-4', 'call-3', 'call-2', 'call-1']);
    const filtered = await getJson<CallListPage>('/api/calls?status=ended&agentId=agent-2&from=2026-03-02&to=2026-03-05T12:00:00%2B02:00');
    expect(filtered.body.calls.map((call) => call.id)).toEqual(['call-5', 'call-3']);
    expect(filtered.body.calls[0]).toMatchObject({ status: 'ended', endReason: 'completed', finalSegmentCount: 2, lastSeq: 4 });
  });

  it('pages with nextCursor until null, each call once, while new calls arrive', async () => {
    const seen: string[] = [];
    let path = '/api/calls?limit=3';
    for (let page = 0; page < 5; page++) {
      const { body } = await getJson<CallListPage>(path);
      seen.push(...body.calls.map((call) => call.id));
      if (page === 0) record('call-new', 'agent-1', '2026-03-09T09:00:00.000Z', [['caller', 'a newer call', 0]]);
      if (body.nextCursor === null) break;
      path = `/api/calls?limit=3&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(['call-7', 'call-6', 'call-5', 'call-4', 'call-3', 'call-2', 'call-1']);
  });

  it('searches final segments and returns the calls with highlighted lines', async () => {
    const { body } = await getJson<CallListPage>('/api/calls?q=damaged%20parcels');
    expect(body.calls.map((call) => call.id)).toEqual(['call-3']);
    expect(body.calls[0].matches).toEqual([
      expect.objectContaining({
        seq: 2,
        speaker: 'caller',
        text: 'My parcel arrived damaged',
        highlighted: 'My <mark>parcel</mark> arrived <mark>damaged</mark>',
      }),
    ]);
  });

  it('answers in the shapes the protocol states, which the dashboard checks answers against', async () => {
    const answerOf = async <T>(schema: Schema<T>, path: string): Promise<ValidationResult<T>> =>
      validate(schema, (await getJson<unknown>(path)).body);

    expect(await answerOf(HISTORY_PAGE, '/api/calls?limit=2')).toMatchObject({ ok: true, value: { nextCursor: expect.any(String) } });
    expect(await answerOf(HISTORY_PAGE, '/api/calls?q=damaged')).toMatchObject({ ok: true, value: { nextCursor: null } });
    expect(await answerOf(HISTORY_CALL, '/api/calls/call-7')).toMatchObject({ ok: true });
    expect(await answerOf(HISTORY_TRANSCRIPT, '/api/calls/call-3/transcript')).toMatchObject({ ok: true });
    for (const failing of ['/api/calls?limit=0', '/api/calls/nope', '/api/calls/a%2Fb/transcript']) {
      expect({ failing, ...(await answerOf(HTTP_ERROR_BODY, failing)) }).toMatchObject({ failing, ok: true });
    }
  });

  it.each([
    ['status=open', 'status must be one of "active", "ended" (got "open")'],
    ['status=ended&status=active', 'status must be one of "active", "ended"'],
    ['limit=0', 'limit must be an integer from 1 to 200 (got "0")'],
    ['limit=ten', 'limit must be an integer from 1 to 200 (got "ten")'],
    ['from=yesterday', 'from must be an ISO 8601 date (2026-03-01) or date-time with zone (2026-03-01T09:30:00Z) (got "yesterday")'],
    ['to=2026-03-01T10:00:00', 'to must be an ISO 8601 date'],
    ['from=2026-03-05&to=2026-03-01', 'to must be later than from'],
    ['q=%20', 'q must be given once, as a plain non-empty value'],
    ['q=%3F%21', 'q must contain a letter or digit'],
    ['cursor=abc', 'cursor must be a nextCursor returned by this API'],
    ['agent=agent-1', 'agent is not a known field'],
    ['agentId[x]=1', 'agentId[x] is not a known field'],
  ])('answers 400 VALIDATION_FAILED naming the parameter for ?%s', async (query, message) => {
    const { status, body } = await getJson<{ code: string; message: string }>(`/api/calls?${query}`);
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain(message);
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  });

  it('answers 401 UNAUTHORIZED as {code, message} without a valid token', async () => {
    const response = await fetch(`${url}/api/calls`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ code: 'UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer') });
    expect((await getJson('/api/calls/call-3', 'not-a-token')).status).toBe(401);
  });

  it("shows an agent only its own calls, and another agent's call as not found", async () => {
    const agent = await access.tokenFor('agent-one', 'agent', 'agent-1');
    const own = await getJson<CallListPage>('/api/calls', agent);
    expect(own.body.calls.map((call) => call.agentId)).toEqual(own.body.calls.map(() => 'agent-1'));
    expect(own.body.calls.map((call) => call.id)).toContain('call-2');
    expect((await getJson<CallListPage>('/api/calls?agentId=agent-2', agent)).body).toEqual({ calls: [], nextCursor: null });
    expect((await getJson<CallListPage>('/api/calls?q=parcel', agent)).body.calls).toEqual([]);
    expect(await getJson('/api/calls/call-3', agent)).toEqual({
      status: 404,
      body: { code: 'CALL_NOT_FOUND', message: 'call call-3 is not in the history' },
    });
    expect((await getJson('/api/calls/call-3/transcript?format=srt', agent)).status).toBe(404);
    expect((await getJson('/api/calls/call-2', agent)).status).toBe(200);
  });

  it('returns one call, and 404 CALL_NOT_FOUND for an unknown id', async () => {
    expect(await getJson('/api/calls/call-7')).toMatchObject({
      status: 200,
      body: { id: 'call-7', status: 'active', finalSegmentCount: 2 },
    });
    expect(await getJson('/api/calls/nope')).toEqual({
      status: 404,
      body: { code: 'CALL_NOT_FOUND', message: 'call nope is not in the history' },
    });
    expect(await getJson('/api/calls/nope/transcript?format=vtt')).toMatchObject({ status: 404, body: { code: 'CALL_NOT_FOUND' } });
    expect(await getJson('/api/calls/call-7?format=vtt')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('answers 400 VALIDATION_FAILED naming the id for an id outside the call-id rule, on both routes', async () => {
    for (const id of ['call%2042', 'a%2Fb', 'caf%C3%A9-1', 'x'.repeat(129)]) {
      const message = "id must be 1 to 128 letters, digits, '.', '_', ':' or '-'";
      const expected = { status: 400, body: { code: 'VALIDATION_FAILED', message } };
      expect({ id, ...(await getJson(`/api/calls/${id}`)) }).toEqual({ id, ...expected });
      expect({ id, ...(await getJson(`/api/calls/${id}/transcript?format=txt`)) }).toEqual({ id, ...expected });
    }
    expect((await getJson(`/api/calls/${'x'.repeat(128)}`)).status).toBe(404);
  });

  it('exports the transcript as JSON, text, WebVTT and SRT with their content types', async () => {
    const json = await getJson<{ call: { id: string }; segments: { text: string }[] }>('/api/calls/call-3/transcript');
    expect(json.body.segments.map((segment) => segment.text)).toEqual(['My parcel arrived damaged', 'Let me look into it']);

    const vtt = await get('/api/calls/call-3/transcript?format=vtt');
    expect(vtt.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(vtt.headers.get('content-disposition')).toBe('inline; filename="call-call-3.vtt"');
    expect(parseWebVtt(await vtt.text())).toEqual([
      { startMs: 1000, endMs: 2500, speaker: 'Caller', text: 'My parcel arrived damaged' },
      { startMs: 3000, endMs: 4500, speaker: 'Agent', text: 'Let me look into it' },
    ]);
    const srt = await get('/api/calls/call-3/transcript?format=srt');
    expect(srt.headers.get('content-type')).toBe('application/x-subrip; charset=utf-8');
    expect(parseSrt(await srt.text()).map((cue) => [cue.startMs, cue.speaker])).toEqual([
      [1000, 'Caller'],
      [3000, 'Agent'],
    ]);
    const txt = await get('/api/calls/call-3/transcript?format=txt');
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await txt.text()).toContain('[00:00:01] Caller: My parcel arrived damaged\n[00:00:03] Agent: Let me look into it\n');
    expect(await getJson('/api/calls/call-3/transcript?format=pdf')).toEqual({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: 'format must be one of "json", "txt", "vtt", "srt" (got "pdf")' },
    });
  });
});

describe('history API failures', () => {
  it('answers 503 HISTORY_UNAVAILABLE when the gateway keeps no history', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tnt-history-memory-'));
    const { app, url, access } = await startApi(dataDir, { TNT_STORE: 'memory' });
    try {
      const response = await getWith(access.supervisorToken, `${url}/api/calls`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        code: 'HISTORY_UNAVAILABLE',
        message: 'the call history is not kept: the gateway runs with TNT_STORE=memory',
      });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 500 INTERNAL_ERROR with an incident id and no stack when the store fails', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tnt-history-broken-'));
    const { app, url, access } = await startApi(dataDir);
    try {
      // Closing the database under the API makes every query fail the way a lost disk would.
      app.get<CallStorage>(CALL_STORAGE, { strict: false }).close();
      const response = await getWith(access.supervisorToken, `${url}/api/calls?q=anything`);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('INTERNAL_ERROR');
      expect(body.message).toMatch(/^the server failed; incident [0-9a-f-]{36} is in its log$/);
      expect(JSON.stringify(body)).not.toMatch(/\.ts|\.js|at /);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
