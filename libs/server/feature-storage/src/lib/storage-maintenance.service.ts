import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { CALL_STORAGE, type CallStorage } from './call-storage';

/** How often retention runs (it also runs once at start-up). */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes calls older than `TNT_RETENTION_DAYS` at start-up and every hour, and closes the store
 * at shutdown. Nest runs shutdown hooks from the root module down its imports; every module that
 * writes calls imports the storage (through the sessions), so this hook runs after theirs and
 * calls ended during shutdown are stored before the database closes.
 */
@Injectable()
export class StorageMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(CALL_STORAGE) private readonly storage: CallStorage,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  onApplicationBootstrap(): void {
    const retention =
      this.config.retentionDays > 0 && this.storage.deleteEndedCallsStartedBefore ? `${this.config.retentionDays} day(s)` : 'forever';
    this.logger.log(`calls kept in ${this.storage.description}; retention: ${retention}`);
    if (retention === 'forever') return;
    this.timer = setInterval(() => void this.applyRetention(), RETENTION_INTERVAL_MS);
    this.timer.unref();
    void this.applyRetention();
  }

  /** Deletes ended calls that started more than `TNT_RETENTION_DAYS` ago; resolves with how many. */
  applyRetention(now = new Date()): Promise<number> {
    const deleteExpired = this.storage.deleteEndedCallsStartedBefore;
    if (this.config.retentionDays === 0 || !deleteExpired) return Promise.resolve(0);
    this.running ??= (async () => {
      const cutoff = new Date(now.getTime() - this.config.retentionDays * DAY_MS);
      try {
        const deleted = await deleteExpired(cutoff);
        if (deleted > 0) this.logger.log(`retention: deleted ${deleted} call(s) that started before ${cutoff.toISOString()}`);
        return deleted;
      } catch (error) {
        this.logger.error(
          `retention failed (next run in ${RETENTION_INTERVAL_MS / 60000} min): ${error instanceof Error ? error.stack : String(error)}`,
        );
        return 0;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.storage.close();
  }
}
