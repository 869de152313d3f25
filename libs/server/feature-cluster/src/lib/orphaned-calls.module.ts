import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CallSessionService } from '@tnt/server/feature-sessions';
import type { ClusterCallLog, InstanceLiveness } from '@tnt/server/util-cluster';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { METRICS, MetricsModule, type MetricsRegistry } from '@tnt/server/util-metrics';
import { CLUSTER_LIVENESS, CLUSTER_LOG } from './cluster.module';
import { OrphanedCallReaper } from './orphaned-call-reaper';

/** Looks for dead instances' calls at every lease renewal, from start-up to shutdown. */
@Injectable()
export class OrphanedCallSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OrphanedCallReaper');
  private timer: NodeJS.Timeout | undefined;
  /** Set while sweeps fail in a row (PostgreSQL or Redis away): only the first is logged, and the recovery. */
  private failing = false;

  constructor(
    private readonly reaper: OrphanedCallReaper,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.reaper.sweep().then(
        () => {
          if (this.failing) this.logger.log("looking for dead instances' calls works again");
          this.failing = false;
        },
        (error: unknown) => {
          if (!this.failing) {
            this.logger.error(
              `looking for dead instances' calls failed (${String(error)}); tried again at every lease renewal, logged again ` +
                'when it works. Calls of an instance that dies meanwhile are ended once PostgreSQL and Redis answer.',
            );
          }
          this.failing = true;
        },
      );
    }, this.config.leaseRenewMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/** Options: the cluster and sessions modules the reaper runs on (the same objects the server imports). */
export interface OrphanedCallsModuleOptions {
  readonly cluster: DynamicModule;
  readonly sessions: DynamicModule;
}

/** Ends, as `interrupted`, the calls of instances whose lease expired ({@link OrphanedCallReaper}). */
@Module({})
export class OrphanedCallsModule {
  static forRoot(options: OrphanedCallsModuleOptions): DynamicModule {
    return {
      module: OrphanedCallsModule,
      imports: [MetricsModule, options.cluster, options.sessions],
      providers: [
        {
          provide: OrphanedCallReaper,
          inject: [CLUSTER_LOG, CLUSTER_LIVENESS, CallSessionService, METRICS],
          useFactory: (log: ClusterCallLog, liveness: InstanceLiveness, sessions: CallSessionService, metrics: MetricsRegistry) =>
            new OrphanedCallReaper(log, liveness, sessions, metrics),
        },
        OrphanedCallSweeps,
      ],
    };
  }
}
