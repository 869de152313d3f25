import { NestFactory, ModulesContainer } from '@nestjs/core';
import { PostgresUserDirectory } from '@tnt/server/data-access-store-postgres';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { RedisNonceStore } from '@tnt/server/data-access-bus-redis';
import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { AUDIOHOOK_NONCES, LocalTokenService, TokenVerifier, USER_STORE, type UserStore } from '@tnt/server/feature-auth';
import { MemoryNonceStore } from '@tnt/shared/util-audiohook';
import { randomUUID } from 'node:crypto';
import { CallSessionService } from '@tnt/server/feature-sessions';
import { TranscriptFormattingProcessor } from '@tnt/server/feature-transcript-format';
import { access } from 'node:fs/promises';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TntServerModule } from './tnt-server.module';

describe('TntServerModule, the composition root', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-server-module-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes only the configuration global: every other module reaches what it uses through its imports', async () => {
    const config = loadConfig({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory', TNT_DATA_DIR: dataDir });
    const app = await NestFactory.createApplicationContext(TntServerModule.forRoot(config), { logger: false });
    try {
      const modules = [...app.get(ModulesContainer).values()];
      const global = modules.filter((module) => module.isGlobal && module.metatype.name !== 'InternalCoreModule');
      expect(global.map((module) => module.metatype)).toEqual([ConfigModule]);
      // One sessions instance serves everyone: the gateway and transcription share the same store and bus.
      expect(modules.filter((module) => module.metatype.name === 'SessionsModule')).toHaveLength(1);
      expect(app.get(CallSessionService)).toBeInstanceOf(CallSessionService);
      // One process: AudioHook nonces are remembered in its memory.
      expect(app.get(AUDIOHOOK_NONCES)).toBeInstanceOf(MemoryNonceStore);
    } finally {
      await app.close();
    }
  });

  it('formats transcripts by default and leaves the formatting processor out with TNT_FORMAT_TRANSCRIPTS=false', async () => {
    for (const [setting, expected] of [
      [undefined, true],
      ['false', false],
    ] as const) {
      const config = loadConfig({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory', TNT_DATA_DIR: dataDir, TNT_FORMAT_TRANSCRIPTS: setting });
      const app = await NestFactory.createApplicationContext(TntServerModule.forRoot(config), { logger: false });
      try {
        const registered = [...app.get(ModulesContainer).values()].some((module) => module.providers.has(TranscriptFormattingProcessor));
        expect({ setting, registered }).toEqual({ setting, registered: expected });
      } finally {
        await app.close();
      }
    }
  });

  it('signs users in from the PostgreSQL users table with TNT_STORE=postgres, one user store for the whole server', async () => {
    const schema = randomSchemaName();
    const config = loadConfig({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'postgres',
      TNT_DATABASE_URL: TEST_DATABASE_URL,
      TNT_DATABASE_SCHEMA: schema,
      TNT_DATA_DIR: dataDir,
    });
    const app = await NestFactory.createApplicationContext(TntServerModule.forRoot(config), { logger: false });
    const shared = await PostgresUserDirectory.open({ connectionString: TEST_DATABASE_URL, schema });
    try {
      await shared.add({ username: 'dana', password: 'correct horse battery', role: 'agent', agentId: 'agent-9' });
      const modules = [...app.get(ModulesContainer).values()];
      // The history API's guard and the root's sign-in use the same auth module, so the same users.
      expect(modules.filter((module) => module.metatype.name === 'AuthModule')).toHaveLength(1);
      expect(app.get(USER_STORE)).toBeInstanceOf(PostgresUserDirectory);
      const users = app.get<UserStore>(USER_STORE);
      await expect(users.authenticate('DANA', 'correct horse battery')).resolves.toMatchObject({ username: 'dana', agentId: 'agent-9' });
      const { token } = await app.get(LocalTokenService).issue({ username: 'dana', role: 'agent', agentId: 'agent-9' });
      await expect(app.get(TokenVerifier).verify(token)).resolves.toMatchObject({ ok: true, principal: { username: 'dana' } });
      await shared.remove('dana');
      await expect(app.get(TokenVerifier).verify(token)).resolves.toMatchObject({ ok: false });
      await expect(access(join(dataDir, 'users.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await shared.close();
      await app.close();
      await dropSchema(schema);
    }
  });

  it('remembers AudioHook nonces in Redis under TNT_REDIS_PREFIX in a cluster (TNT_BUS=redis), shared by every instance', async () => {
    const schema = randomSchemaName();
    const redisPrefix = `tnt-test-${randomUUID()}:`;
    const config = loadConfig({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'postgres',
      TNT_BUS: 'redis',
      TNT_REDIS_URL: 'redis://127.0.0.1:6379',
      TNT_REDIS_PREFIX: redisPrefix,
      TNT_INSTANCE_ID: 'module-spec-instance',
      TNT_JWT_SECRET: 'module-spec-jwt-secret-of-32-bytes-at-least',
      TNT_INGEST_API_KEYS: 'tnt_ingest_module_spec_key_0001',
      TNT_DATABASE_URL: TEST_DATABASE_URL,
      TNT_DATABASE_SCHEMA: schema,
      TNT_DATA_DIR: dataDir,
    });
    const app = await NestFactory.createApplicationContext(TntServerModule.forRoot(config), { logger: false });
    const other = new RedisNonceStore({ url: 'redis://127.0.0.1:6379', keyPrefix: redisPrefix });
    try {
      const nonces = app.get(AUDIOHOOK_NONCES);
      expect(nonces).toBeInstanceOf(RedisNonceStore);
      await expect(nonces.remember('key-a', 'nonce-1', Date.now() + 60_000)).resolves.toBe(true);
      // Another instance's store on the same Redis and prefix sees it.
      await expect(other.remember('key-a', 'nonce-1', Date.now() + 60_000)).resolves.toBe(false);
    } finally {
      await other.close();
      await app.close();
      await dropSchema(schema);
      await deleteKeysWithPrefix('redis://127.0.0.1:6379', redisPrefix);
    }
  });
});
