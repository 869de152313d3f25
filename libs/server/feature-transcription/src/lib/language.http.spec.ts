import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LANGUAGE_MODEL_STATUS, validate, type LanguageModelStatus } from '@tnt/protocol';
import { AuthModule } from '@tnt/server/feature-auth';
import { prepareTestAccess, type TestAccess } from '@tnt/server/feature-auth/testing';
import { LocalCallEventBus, MemoryCallEventStore, SessionsModule } from '@tnt/server/feature-sessions';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TranscriptionModule } from './transcription.module';

/** `/api/language` as the gateway serves it: real HTTP and real tokens, on the engine `engine`. */
async function startApi(dataDir: string, engine: 'pocketsphinx' | 'scripted'): Promise<{ app: INestApplication; url: string }> {
  const sessions = SessionsModule.forRoot({
    store: { useFactory: () => new MemoryCallEventStore(100) },
    bus: { useClass: LocalCallEventBus },
  });
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig({ TNT_DATA_DIR: dataDir, TNT_ENGINE: engine, TNT_STORE: 'memory' })),
      TranscriptionModule.forRoot({ sessions, auth: AuthModule }),
    ],
  })
  class ApiModule {}
  const app = await NestFactory.create(ApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/language` };
}

describe('language model API /api/language', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-language-api-'));
  let app: INestApplication;
  let url: string;
  let access: TestAccess;

  beforeAll(async () => {
    access = await prepareTestAccess(dataDir);
    ({ app, url } = await startApi(dataDir, 'pocketsphinx'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = (body: unknown, token = access.supervisorToken) =>
    fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const status = async (): Promise<LanguageModelStatus> =>
    (await (await fetch(url, { headers: { authorization: `Bearer ${access.supervisorToken}` } })).json()) as LanguageModelStatus;

  it('answers a status the protocol schema accepts', async () => {
    expect(validate(LANGUAGE_MODEL_STATUS, await status())).toMatchObject({ ok: true, value: { state: 'generic' } });
  });

  it('refuses an agent with 403 and changes nothing', async () => {
    const agent = await access.tokenFor('agent-language', 'agent', 'agent-7');

    const response = await put({ domainText: 'my router is down\n', vocabulary: '' }, agent);

    expect(response.status).toBe(403);
    expect(await status()).toMatchObject({ state: 'generic', domainText: '' });
  });

  it('refuses a bad vocabulary line with 400 naming the line, and keeps the model in use', async () => {
    const response = await put({ domainText: 'my router is down\n', vocabulary: 'gigabit\nzyxel  Z AY X\n' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^api vocabulary line 2: unknown phones X/),
    });
    expect(await status()).toMatchObject({ state: 'generic', domainText: '', error: null });
  });

  it('refuses a domain text line with digits with 400 naming the line', async () => {
    const response = await put({ domainText: 'my router is down\nmy account is 45\n', vocabulary: '' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^api domain text line 2: "45" has digits/),
    });
  });

  it.each([
    ['an empty domain text', { domainText: '', vocabulary: '' }, /^domainText must be a non-empty text/],
    ['a missing vocabulary', { domainText: 'my router is down' }, /^vocabulary must be/],
    ['an unknown field', { domainText: 'my router is down', vocabulary: '', weight: 1 }, /weight/],
  ])('refuses %s with 400 naming the field', async (_case, body, message) => {
    const response = await put(body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
  });
});

describe('language model API on an engine without a language model', () => {
  it('refuses a new domain text with 400 naming the engine', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tnt-language-api-scripted-'));
    const access = await prepareTestAccess(dataDir);
    const { app, url } = await startApi(dataDir, 'scripted');
    try {
      const response = await fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${access.supervisorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ domainText: 'my router is down\n', vocabulary: '' }),
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: expect.stringMatching(/^the scripted engine has no language model/) });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
