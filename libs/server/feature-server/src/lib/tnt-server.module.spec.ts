import { NestFactory, ModulesContainer } from '@nestjs/core';
import { CallSessionService } from '@tnt/server/feature-sessions';
import { TranscriptFormattingProcessor } from '@tnt/server/feature-transcript-format';
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
});
