import { prepareTestAccess } from '@tnt/server/feature-auth/testing';
import { bootstrapGateway, TntServerModule } from '@tnt/server/feature-server';
import { CallSessionService } from '@tnt/server/feature-sessions';
import { loadConfig, type StoreKind } from '@tnt/server/util-config';

/** The real gateway (Nest app, UI socket, sessions, store) running inside the benchmark process. */
export interface EmbeddedGateway {
  /** The UI socket's URL with a supervisor's token. */
  readonly wsUrl: string;
  /** Where segments enter, exactly as the transcription pipeline hands them over. */
  readonly sessions: CallSessionService;
  /** Ends live calls, closes every client and the store. */
  stop(): Promise<void>;
}

/**
 * Starts the whole `TntServerModule` in this process with the chosen store. Segments are
 * published through `CallSessionService.publishTranscript` — the call the transcription
 * pipeline makes — because no audio input can produce thousands of final segments per second.
 */
export async function startEmbeddedGateway(store: StoreKind, dataDir: string): Promise<EmbeddedGateway> {
  // A supervisor and the signing secret in the data directory, as an operator's `users` CLI would leave them.
  const access = await prepareTestAccess(dataDir);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TNT_ENGINE: 'scripted',
    TNT_DEMO: '0',
    TNT_STORE: store,
    TNT_DATA_DIR: dataDir,
    TNT_LOG_LEVEL: 'warn',
    // The fleet's supervisors receive every event; under saturation they must not be cut off as slow.
    TNT_MAX_QUEUED_BYTES: String(256 * 1024 * 1024),
    // Every fleet socket is the same user from the same address.
    TNT_MAX_CONNECTIONS_PER_USER: '100000',
    TNT_MAX_CONNECTIONS_PER_IP: '100000',
  });
  const gateway = await bootstrapGateway(TntServerModule.forRoot(config), config);
  return {
    wsUrl: `${gateway.url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(access.supervisorToken)}`,
    sessions: gateway.app.get(CallSessionService),
    stop: () => gateway.stop('benchmark done'),
  };
}
