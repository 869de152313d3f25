import type { Logger } from '@nestjs/common';
import { PostgresCallStorage, type PostgresUserDirectory } from '@tnt/server/data-access-store-postgres';
import { SqliteCallStorage } from '@tnt/server/data-access-store-sqlite';
import { MemoryCallEventStore, type CallEventStore } from '@tnt/server/feature-sessions';
import type { CallArchive } from '@tnt/server/util-call-archive';
import type { ClusterCallLog } from '@tnt/server/util-cluster';
import type { TntConfig } from '@tnt/server/util-config';
import { MemoryExtensionSettingsStore, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { MemoryWebhookOutbox, type WebhookOutbox } from '@tnt/server/util-webhooks';
import { resolve } from 'node:path';
import { DurableCallEventStore } from './durable-call-event-store';
import type { DurableCallLog } from './durable-call-log';
import { UnavailableCallArchive } from './unavailable-call-archive';

/** Name of the SQLite database inside `TNT_DATA_DIR`. */
export const DATABASE_FILE_NAME = 'tnt.sqlite';

/** Calls deleted per transaction by retention, so that the event loop is never blocked for long. */
const RETENTION_BATCH = 200;

/** The configured store: the event store the sessions use, the archive the history API reads. */
export interface CallStorage {
  readonly eventStore: CallEventStore;
  readonly archive: CallArchive;
  /** Extensions' settings (phrase-alert rules …), kept beside the calls: shared by a cluster on PostgreSQL. */
  readonly settings: ExtensionSettingsStore;
  /** Where calls are kept, for logs. */
  readonly description: string;
  /** Deletes ended calls that started before `cutoff`; `undefined` when nothing is kept on disk. */
  readonly deleteEndedCallsStartedBefore?: (cutoff: Date) => Promise<number>;
  /** The log every instance of a cluster shares (`TNT_STORE=postgres`); absent for a store of one process. */
  readonly clusterLog?: ClusterCallLog;
  /**
   * The users every instance shares, in the same database (`TNT_STORE=postgres`); absent when each
   * process keeps its own users file.
   */
  readonly users?: PostgresUserDirectory;
  /** The webhook outbox, in the same store as the calls, so a delivery is as durable as the event it is about. */
  readonly webhookOutbox: WebhookOutbox;
  /** Flushes and closes the store; the last thing at shutdown. */
  close(): void | Promise<void>;
}

/** Injection token of the {@link CallStorage}. */
export const CALL_STORAGE = Symbol('CALL_STORAGE');

/** Opens the store `config` asks for (`TNT_STORE`), repairing what a killed process left behind. */
export async function openCallStorage(config: TntConfig, logger: Logger): Promise<CallStorage> {
  if (config.store === 'postgres') return openPostgresStorage(config, logger);
  if (config.store === 'memory') {
    const eventStore = new MemoryCallEventStore(config.historySize);
    return {
      eventStore,
      webhookOutbox: new MemoryWebhookOutbox(() => eventStore.listCalls()),
      archive: new UnavailableCallArchive('the call history is not kept: the gateway runs with TNT_STORE=memory'),
      settings: new MemoryExtensionSettingsStore(),
      description: 'memory only (TNT_STORE=memory): nothing survives a restart',
      close: () => undefined,
    };
  }
  const sqlite = SqliteCallStorage.open({
    file: resolve(config.dataDir, DATABASE_FILE_NAME),
    onBackgroundError: (error) => logger.error(`full-text indexing failed (retried at the next flush): ${describe(error)}`),
  });
  for (const call of sqlite.opening.interruptedCalls) logger.warn(`call ${call.id} was open when the gateway stopped; marked interrupted`);
  if (sqlite.opening.reindexedSegments > 0)
    logger.warn(`indexed ${sqlite.opening.reindexedSegments} segment(s) for search after an unclean stop`);
  return {
    eventStore: new DurableCallEventStore(new MemoryCallEventStore(config.historySize), sqlite.log),
    archive: sqlite.archive,
    settings: sqlite.settings,
    webhookOutbox: sqlite.webhooks,
    description: `SQLite ${sqlite.file} (WAL)`,
    deleteEndedCallsStartedBefore: async (cutoff) => {
      let deleted = 0;
      for (;;) {
        const batch = sqlite.deleteEndedCallsStartedBefore(cutoff, RETENTION_BATCH);
        deleted += batch;
        if (batch < RETENTION_BATCH) return deleted;
        await new Promise((next) => setImmediate(next));
      }
    },
    close: () => sqlite.close(),
  };
}

/**
 * PostgreSQL, shared by every instance. It repairs nothing at opening: in a cluster the calls a dead
 * instance left open are the reaper's to end, since another instance may still be serving them.
 */
async function openPostgresStorage(config: TntConfig, logger: Logger): Promise<CallStorage> {
  const postgres = await PostgresCallStorage.open({
    connectionString: config.databaseUrl,
    schema: config.databaseSchema,
    instanceId: config.instanceId,
    onBackgroundError: (error) => logger.error(`a PostgreSQL connection failed (the pool replaces it): ${describe(error)}`),
  });
  if (postgres.opening.appliedMigrations.length > 0)
    logger.log(`PostgreSQL migrations applied: ${postgres.opening.appliedMigrations.join(', ')}`);
  const log = postgres.log;
  const durableLog: DurableCallLog = {
    createCall: (call) => log.createCall(call),
    append: (event) => log.append(event),
    getCall: async (callId) => (await log.getCall(callId))?.call,
    eventsAfter: (callId, since) => log.eventsAfter(callId, since),
    snapshot: (callId) => log.snapshot(callId),
  };
  return {
    eventStore: new DurableCallEventStore(new MemoryCallEventStore(config.historySize), durableLog),
    archive: postgres.archive,
    settings: postgres.settings,
    clusterLog: log,
    users: postgres.users,
    webhookOutbox: postgres.webhooks,
    description: `PostgreSQL schema ${postgres.schema}`,
    deleteEndedCallsStartedBefore: async (cutoff) => {
      let deleted = 0;
      for (;;) {
        const batch = await postgres.deleteEndedCallsStartedBefore(cutoff, RETENTION_BATCH);
        deleted += batch;
        if (batch < RETENTION_BATCH) return deleted;
      }
    },
    close: () => postgres.close(),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
