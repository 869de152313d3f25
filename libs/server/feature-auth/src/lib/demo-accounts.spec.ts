import 'reflect-metadata';
import { Logger, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UserDirectory } from '@tnt/server/data-access-users';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from './auth.module';
import { ensureDemoAccounts } from './demo-accounts';

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.lines.push(String(message));
  }
}

/** Starts the auth module like the gateway does and returns what it logged and printed. */
async function start(dataDir: string, demo: boolean): Promise<string[]> {
  const logs = new CapturingLogger();
  const printed = jest.spyOn(process.stdout, 'write');
  @Module({
    imports: [ConfigModule.forRoot(loadConfig({ TNT_DATA_DIR: dataDir, TNT_DEMO: demo ? '1' : '0', TNT_DEMO_CALLS: '2' })), AuthModule],
  })
  class DemoTestModule {}
  const app = await NestFactory.createApplicationContext(DemoTestModule, { logger: logs });
  await app.close();
  Logger.overrideLogger(['error', 'warn']);
  const output = printed.mock.calls.map(([chunk]) => String(chunk));
  printed.mockRestore();
  return [...logs.lines, ...output];
}

function passwordOf(banner: string, username: string): string {
  const match = new RegExp(`${username}\\s+password (\\S+)`).exec(banner);
  if (!match) throw new Error(`no password for ${username} in:\n${banner}`);
  return match[1];
}

describe('demo accounts', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'tnt-demo-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a supervisor and one agent per demo call at start-up and prints working credentials and the ingest key', async () => {
    const lines = await start(dataDir, true);
    const banner = lines.find((line) => line.startsWith('Demo mode')) ?? '';
    const directory = UserDirectory.inDataDir(dataDir);
    expect(await directory.authenticate('supervisor', passwordOf(banner, 'supervisor'))).toMatchObject({ role: 'supervisor', demo: true });
    expect(await directory.authenticate('agent-2', passwordOf(banner, 'agent-2'))).toMatchObject({ role: 'agent', agentId: 'agent-2' });
    const key = (await readFile(join(dataDir, 'ingest-api-keys'), 'utf8')).trim();
    expect(banner).toContain(`ingest API key: ${key}`);
    expect((await stat(join(dataDir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect(lines.some((line) => line.startsWith('generated a JWT signing secret in'))).toBe(true);
  });

  it('gives the demo accounts new passwords at the next start, so old printed ones stop working', async () => {
    const first = passwordOf((await start(dataDir, true)).join('\n'), 'supervisor');
    const second = passwordOf((await start(dataDir, true)).join('\n'), 'supervisor');
    const directory = UserDirectory.inDataDir(dataDir);
    expect(second).not.toBe(first);
    expect(await directory.authenticate('supervisor', first)).toBeUndefined();
    expect(await directory.authenticate('supervisor', second)).toBeDefined();
  });

  it('never touches a real user who has a demo account’s name', async () => {
    const directory = UserDirectory.inDataDir(dataDir);
    await directory.add({ username: 'supervisor', password: 'the-real-password', role: 'supervisor' });
    const result = await ensureDemoAccounts(directory, 1);
    expect(result.skipped).toEqual(['supervisor']);
    expect(result.accounts.map((account) => account.username)).toEqual(['agent-1']);
    expect(await directory.authenticate('supervisor', 'the-real-password')).toBeDefined();
  });

  it('creates no account and prints nothing outside demo mode', async () => {
    const lines = await start(dataDir, false);
    expect(lines.some((line) => line.startsWith('Demo mode'))).toBe(false);
    expect(await UserDirectory.inDataDir(dataDir).list()).toEqual([]);
  });
});
