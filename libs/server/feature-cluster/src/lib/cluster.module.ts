import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type ValueProvider,
} from '@nestjs/common';
import { MemoryCallEventStore, type AdapterProvider } from '@tnt/server/feature-sessions';
import type { ClusterCallLog, ClusterEventStream, InstanceLiveness } from '@tnt/server/util-cluster';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { METRICS, MetricsModule, ReadinessChecks, type MetricsRegistry } from '@tnt/server/util-metrics';
import { ClusterCallEventStore } from './cluster-call-event-store';
import { FirehoseFeed } from './firehose-feed';

/** Injection tokens of the adapters a cluster runs on. */
export const CLUSTER_LOG = Symbol('CLUSTER_LOG');
export const CLUSTER_STREAM = Symbol('CLUSTER_STREAM');
export const CLUSTER_LIVENESS = Symbol('CLUSTER_LIVENESS');

/** The adapters, chosen by the composition root (PostgreSQL and Redis in production). */
export interface ClusterModuleOptions {
  /** Modules whose exports the adapter factories inject (e.g. the storage module that opens PostgreSQL). */
  readonly imports?: ModuleMetadata['imports'];
  readonly log: AdapterProvider<ClusterCallLog>;
  readonly stream: AdapterProvider<ClusterEventStream>;
  readonly liveness: AdapterProvider<InstanceLiveness>;
}

/**
 * Starts an instance's part in the cluster once every module is built (the session service is then
 * listening): the active calls are read from the log, the stream is read from its last entry on,
 * and the instance's liveness key is written. At shutdown, after the calls have ended and their
 * events are out, the stream flushes and closes and the key is deleted.
 */
@Injectable()
export class ClusterMembership implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Cluster');

  constructor(
    private readonly feed: FirehoseFeed,
    @Inject(CLUSTER_STREAM) private readonly stream: ClusterEventStream,
    @Inject(CLUSTER_LIVENESS) private readonly liveness: InstanceLiveness,
    readiness: ReadinessChecks,
  ) {
    readiness.register('bus', () => this.stream.reachable);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.preload();
    await this.stream.start();
    await this.liveness.start();
    this.logger.log(`instance ${this.liveness.instanceId} joined the cluster`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stream.close();
    await this.liveness.stop();
  }
}

/**
 * The store and bus of a cluster instance ({@link ClusterCallEventStore}, {@link FirehoseFeed}) over
 * the adapters it is given; hand them to `SessionsModule.forRoot` as its store and bus.
 */
@Module({})
export class ClusterModule {
  static forRoot(options: ClusterModuleOptions): DynamicModule {
    const adapter = (provide: symbol, provider: AdapterProvider<unknown>) => ({ provide, ...provider }) as ValueProvider | FactoryProvider;
    return {
      module: ClusterModule,
      imports: [MetricsModule, ...(options.imports ?? [])],
      providers: [
        adapter(CLUSTER_LOG, options.log),
        adapter(CLUSTER_STREAM, options.stream),
        adapter(CLUSTER_LIVENESS, options.liveness),
        {
          provide: MemoryCallEventStore,
          inject: [TNT_CONFIG],
          useFactory: (config: TntConfig) => new MemoryCallEventStore(config.historySize),
        },
        {
          provide: ClusterCallEventStore,
          inject: [MemoryCallEventStore, CLUSTER_LOG, CLUSTER_STREAM],
          useFactory: (ring: MemoryCallEventStore, log: ClusterCallLog, stream: ClusterEventStream) =>
            new ClusterCallEventStore(ring, log, stream),
        },
        {
          provide: FirehoseFeed,
          inject: [MemoryCallEventStore, CLUSTER_LOG, CLUSTER_STREAM, METRICS],
          useFactory: (ring: MemoryCallEventStore, log: ClusterCallLog, stream: ClusterEventStream, metrics: MetricsRegistry) =>
            new FirehoseFeed(ring, log, stream, metrics),
        },
        ClusterMembership,
      ],
      exports: [ClusterCallEventStore, FirehoseFeed, CLUSTER_LOG, CLUSTER_LIVENESS],
    };
  }
}
