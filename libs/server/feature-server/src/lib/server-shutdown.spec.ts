import type { ConnectionRegistry } from '@tnt/server/feature-gateway';
import type { IngestConnections } from '@tnt/server/feature-ingest';
import type { TranscriptionService } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { ServerShutdown } from './server-shutdown';

describe('ServerShutdown', () => {
  it('stops ingest, then ends the calls, and only once they have ended tells the clients', async () => {
    const steps: string[] = [];
    let endCalls: () => void = () => undefined;
    const ingest = { stopTakingCalls: () => steps.push('stop ingest') } as unknown as IngestConnections;
    const transcription = {
      liveCallCount: 1,
      endAll: (reason: string) => {
        steps.push(`end calls (${reason})`);
        return new Promise<void>((resolve) => (endCalls = resolve));
      },
    } as unknown as TranscriptionService;
    const clients = {
      size: 2,
      disconnectAll: async () => {
        steps.push('tell clients');
      },
    } as unknown as ConnectionRegistry;
    const shutdown = new ServerShutdown(ingest, transcription, clients, { ...loadConfig({}), shutdownDrainMs: 60_000 });

    const draining = shutdown.drain('SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['stop ingest', 'end calls (shutdown)']);
    endCalls();
    await draining;
    expect(steps).toEqual(['stop ingest', 'end calls (shutdown)', 'tell clients']);
  });
});
