import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AgentAssistModule } from '@tnt/extensions/agent-assist';
import { PhraseAlertsModule } from '@tnt/extensions/phrase-alerts';
import { RedactionModule } from '@tnt/extensions/redaction';
import { TalkMetricsModule } from '@tnt/extensions/talk-metrics';
import { WebhooksModule } from '@tnt/extensions/webhooks';
import { SentimentModule } from '@tnt/extensions/sentiment';
import { AuthModule, type UserStore } from '@tnt/server/feature-auth';
import { DemoModule } from '@tnt/server/feature-demo';
import { GatewayModule } from '@tnt/server/feature-gateway';
import { HistoryModule } from '@tnt/server/feature-history';
import { IngestModule } from '@tnt/server/feature-ingest';
import { ObservabilityModule } from '@tnt/server/feature-observability';
import { LocalCallEventBus, SessionsModule } from '@tnt/server/feature-sessions';
import { CALL_STORAGE, StorageModule, type CallStorage } from '@tnt/server/feature-storage';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { TranscriptFormattingModule } from '@tnt/server/feature-transcript-format';
import { ConfigModule, isCluster, TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { METRICS, MetricsModule, type MetricsRegistry } from '@tnt/server/util-metrics';
import { RedisEventStream, RedisInstanceLiveness, RedisNonceStore } from '@tnt/server/data-access-bus-redis';
import { ClusterCallEventStore, ClusterModule, FirehoseFeed, OrphanedCallsModule } from '@tnt/server/feature-cluster';
import type { ClusterCallLog } from '@tnt/server/util-cluster';
import { DEMO_SIMULATOR_MAIN, DemoSimulator } from './demo-simulator';
import { ServerShutdown } from './server-shutdown';

/** Choices of the application that runs the server, beside its configuration. */
export interface TntServerOptions {
  /**
   * The built call simulator's entry script. With `TNT_DEMO=1` and a speech engine the server
   * runs it to stream demo calls through its own ingest; without it there are no such demo calls.
   */
  readonly demoSimulatorMain?: string;
}

/**
 * The whole TnT server: the composition root. It picks the adapters (the store `TNT_STORE`
 * names, the in-process bus) and hands each feature the modules it runs on, so every module's
 * dependencies are in its `imports`; only the configuration is global. It also owns the order
 * of a graceful stop ({@link ServerShutdown}) and starts the demo simulator.
 *
 * Teams extend it by importing it next to their own modules:
 * `@Module({ imports: [TntServerModule.forRoot(config), RedactionModule] })`; transcript
 * processors in those modules are discovered without importing anything else.
 */
@Module({})
export class TntServerModule {
  /** The server configured by `config` (see `loadConfig`). */
  static forRoot(config: TntConfig, options: TntServerOptions = {}): DynamicModule {
    const cluster = isCluster(config) ? clusterModule() : undefined;
    const sessions = cluster
      ? SessionsModule.forRoot({
          imports: [cluster],
          store: { inject: [ClusterCallEventStore], useFactory: (store: ClusterCallEventStore) => store },
          bus: { inject: [FirehoseFeed], useFactory: (feed: FirehoseFeed) => feed },
        })
      : SessionsModule.forRoot({
          imports: [StorageModule],
          store: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.eventStore },
          bus: { useClass: LocalCallEventBus },
        });
    const auth = authModule(config);
    const history = HistoryModule.forRoot({
      auth,
      imports: [StorageModule],
      archive: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.archive },
    });
    // The domain text and vocabulary live in the store's settings, as the extensions' rules and cards: a PUT reaches every instance.
    const transcription = TranscriptionModule.forRoot({
      sessions,
      auth,
      imports: [StorageModule],
      settings: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.settings },
    });
    const ingest = IngestModule.forRoot({ transcription });
    const gateway = GatewayModule.forRoot({ sessions });
    return {
      module: TntServerModule,
      imports: [
        ConfigModule.forRoot(config),
        auth,
        history,
        transcription,
        ingest,
        gateway,
        ObservabilityModule,
        DemoModule.forRoot({ transcription }),
        // Readable text (sentence case, digits, addresses) before every other processor; raw keeps the engine's words.
        ...(config.transcriptFormat.enabled ? [TranscriptFormattingModule] : []),
        ...(cluster ? [OrphanedCallsModule.forRoot({ cluster, sessions })] : []),
        ...extensionModules(config, auth),
        ...(config.extensions.webhooks.endpoints.length > 0 ? [webhooksModule(sessions, auth, cluster)] : []),
      ],
      providers: [ServerShutdown, DemoSimulator, { provide: DEMO_SIMULATOR_MAIN, useValue: options.demoSimulatorMain ?? null }],
    };
  }
}

/**
 * The bundled extensions (libs/extensions): each is a module a team could have written, built on the
 * transcript-processor extension point. Redaction is switched by configuration; phrase alerts and agent
 * assist keep their rules and cards in the store's extension settings and check tokens with the server's
 * `auth` module.
 */
function extensionModules(config: TntConfig, auth: Type | DynamicModule): DynamicModule[] {
  const { extensions } = config;
  return [
    ...(extensions.redaction ? [RedactionModule.forRoot({ entities: extensions.redactionEntities })] : []),
    // Always on: the rules live in the store, where supervisors add them; the file only seeds an empty store.
    PhraseAlertsModule.forRoot({
      auth,
      imports: [StorageModule],
      settings: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.settings },
      rulesFile: extensions.alertRulesFile,
    }),
    ...(extensions.talkMetrics.enabled ? [TalkMetricsModule.forRoot(extensions.talkMetrics)] : []),
    // Always on, as phrase alerts: the cards live in the store; TNT_ASSIST_CARDS_FILE only seeds an empty store.
    AgentAssistModule.forRoot({
      auth,
      imports: [StorageModule],
      settings: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.settings },
      cardsFile: extensions.assistCardsFile,
    }),
    ...(extensions.sentiment.enabled
      ? [SentimentModule.forRoot({ negativeRun: extensions.sentiment.negativeRun, negativeBelow: extensions.sentiment.negativeBelow })]
      : []),
  ];
}

/**
 * Webhooks on the store the sessions use: the outbox in the same database as the calls, and the
 * events read from the sessions' own store (a cluster's, or the storage module's).
 */
function webhooksModule(sessions: DynamicModule, auth: Type | DynamicModule, cluster: DynamicModule | undefined): DynamicModule {
  return WebhooksModule.forRoot({
    sessions,
    auth,
    imports: [StorageModule, ...(cluster ? [cluster] : [])],
    outbox: { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.webhookOutbox },
    events: cluster
      ? { inject: [ClusterCallEventStore], useFactory: (store: ClusterCallEventStore) => store }
      : { inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.eventStore },
  });
}

/**
 * Security with the users where the store keeps them: with `TNT_STORE=postgres` the users table every
 * instance shares (the `users` CLI writes the same table), so sign-in, `/api/auth/me`, token checks
 * and the UI socket's upgrade agree on every instance; otherwise `<data dir>/users.json`. In a cluster
 * (`TNT_BUS=redis`) accepted AudioHook nonces are remembered in Redis under TNT_REDIS_PREFIX, so an
 * upgrade replayed to another instance is refused too; otherwise in this process's memory. The one
 * module returned is imported by the root and the history API alike, so there is one user store.
 */
function authModule(config: TntConfig): Type | DynamicModule {
  if (config.store !== 'postgres') return AuthModule;
  return AuthModule.forRoot({
    imports: [StorageModule, ...(isCluster(config) ? [MetricsModule] : [])],
    users: {
      inject: [CALL_STORAGE],
      useFactory: (storage: CallStorage): UserStore => {
        if (!storage.users) throw new Error('TNT_STORE=postgres opened a store without its users table');
        return storage.users;
      },
    },
    ...(isCluster(config)
      ? {
          audiohookNonces: {
            inject: [TNT_CONFIG, METRICS],
            useFactory: (tnt: TntConfig, metrics: MetricsRegistry) =>
              new RedisNonceStore({ url: tnt.redisUrl, keyPrefix: tnt.redisPrefix, metrics }),
          },
        }
      : {}),
  });
}

/**
 * A cluster instance's store and bus (`TNT_BUS=redis`): the PostgreSQL log the storage module opens,
 * the Redis stream every instance reads, and this instance's liveness key.
 */
function clusterModule(): DynamicModule {
  return ClusterModule.forRoot({
    imports: [StorageModule],
    log: {
      inject: [CALL_STORAGE],
      useFactory: (storage: CallStorage) => {
        if (!storage.clusterLog) throw new Error('TNT_BUS=redis needs TNT_STORE=postgres');
        return storage.clusterLog;
      },
    },
    stream: {
      inject: [CALL_STORAGE, TNT_CONFIG, METRICS],
      useFactory: (storage: CallStorage, config: TntConfig, metrics: MetricsRegistry) => {
        const log = storage.clusterLog as ClusterCallLog;
        return new RedisEventStream({
          url: config.redisUrl,
          keyPrefix: config.redisPrefix,
          instanceId: config.instanceId,
          retentionMinutes: config.streamRetentionMinutes,
          metrics,
          confirmOwnership: async (callId) => (await log.getCall(callId))?.owner === config.instanceId,
        });
      },
    },
    liveness: {
      inject: [TNT_CONFIG],
      useFactory: (config: TntConfig) =>
        new RedisInstanceLiveness({
          url: config.redisUrl,
          keyPrefix: config.redisPrefix,
          instanceId: config.instanceId,
          leaseMs: config.leaseMs,
          renewMs: config.leaseRenewMs,
        }),
    },
  });
}
