import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UserDirectory } from '@tnt/server/data-access-users';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from './auth.module';
import { AuthService } from './auth.service';
import { USER_STORE } from './user-store';

describe('AuthModule.forRoot', () => {
  let dataDir: string;
  let elsewhere: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-auth-data-'));
    elsewhere = await mkdtemp(join(tmpdir(), 'tnt-auth-users-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('logs users in from the user store it is given instead of the data directory file', async () => {
    const users = UserDirectory.inDataDir(elsewhere);
    await users.add({ username: 'ana', password: 'correct horse', role: 'supervisor' });
    @Module({
      imports: [ConfigModule.forRoot(loadConfig({ TNT_DATA_DIR: dataDir })), AuthModule.forRoot({ users: { useValue: users } })],
    })
    class UsersElsewhereModule {}
    const app = await NestFactory.createApplicationContext(UsersElsewhereModule, { logger: false });
    try {
      expect(app.get(USER_STORE)).toBe(users);
      await expect(app.get(AuthService).login('ANA', 'correct horse', '127.0.0.1')).resolves.toMatchObject({ username: 'ana' });
      await expect(access(join(dataDir, 'users.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await app.close();
    }
  });
});
