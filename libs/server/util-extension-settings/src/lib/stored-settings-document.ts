import { Logger } from '@nestjs/common';
import type { CounterMetric, MetricsRegistry } from '@tnt/server/util-metrics';
import { SettingsVersionConflict, type ExtensionSettingsStore, type StoredSetting } from './extension-settings-store';

/** Runs `task` every `intervalMs` until the returned function is called; tests drive their own. */
export interface ReloadTimer {
  every(intervalMs: number, task: () => void): () => void;
}

/** The {@link ReloadTimer} of a running server: `setInterval`, not keeping the process alive. */
export const INTERVAL_RELOAD_TIMER: ReloadTimer = {
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** What in this instance holds the document in force (the compiled alert rules, the compiled cards). */
export interface SettingInForce<T> {
  /** The store version of the document in force (0: none stored). */
  readonly version: number;
  /** Puts `content` (version `version` of the store) in force; throws, changing nothing, when it cannot. */
  apply(content: T, version: number): void;
}

/** What one extension's document is, for {@link StoredSettingsDocument}. */
export interface SettingsDocumentOptions<T> {
  /** The key in the store (`phrase-alerts.rules`). */
  readonly key: string;
  /** The document in words, for logs and errors (`phrase-alert rules`). */
  readonly what: string;
  /** The document in one word (`rules`). */
  readonly noun: string;
  /** The variable naming the file that seeds an empty store (`TNT_ALERT_RULES_FILE`). */
  readonly seedVariable: string;
  /** Where supervisors edit it (`/api/alert-rules or the dashboard's Rules page`). */
  readonly editedAt: string;
  /** The prefix of its metrics (`tnt_alert_rules`: `_reload_failures_total`, `_version`). */
  readonly metricPrefix: string;
  /** The Nest logger context (`PhraseAlerts`). */
  readonly loggerContext: string;
  /** The content of a stored value; throws, saying why, when it is not valid. */
  parse(value: unknown): T;
  /** The value stored for `content` (`{rules}`). */
  toValue(content: T): unknown;
}

/**
 * Keeps what this instance has in force equal to one document of the {@link ExtensionSettingsStore},
 * which every instance of a cluster shares:
 *
 * - **Seeding.** At start, when the store holds nothing under the key yet, the seeded content (the
 *   file of `seedVariable`) is written with expected version 0: of several instances starting at
 *   once exactly one writes, the others are refused and read what it wrote. Once stored, the store
 *   wins: a changed file is not written again (a warning says it differs), supervisors edit through the API.
 * - **Changes.** A save puts the content in force here at once; every other instance reads the stored
 *   version every `reloadIntervalMs` (one primary-key read) and swaps in a newer one.
 * - **Faults.** A failed reload (store unreachable, a stored value that does not parse) keeps the
 *   content in force, counts `<metricPrefix>_reload_failures_total` each time and is logged once,
 *   until a reload succeeds again (logged too).
 */
export class StoredSettingsDocument<T> {
  private readonly logger: Logger;
  private readonly reloadFailures: CounterMetric;
  private failing = false;
  private stopTimer?: () => void;
  private reloading?: Promise<void>;

  constructor(
    private readonly options: SettingsDocumentOptions<T>,
    private readonly inForce: SettingInForce<T>,
    private readonly settings: ExtensionSettingsStore,
    /** The content to seed an empty store with; `null`: none. */
    private readonly seeded: T | null,
    metrics: MetricsRegistry,
    private readonly timer: ReloadTimer,
    private readonly reloadIntervalMs: number,
  ) {
    this.logger = new Logger(options.loggerContext);
    this.reloadFailures = metrics.counter({
      name: `${options.metricPrefix}_reload_failures_total`,
      help: `Reads of the stored ${options.what} that failed; the ones in force stay until one succeeds`,
    });
    metrics.gauge({
      name: `${options.metricPrefix}_version`,
      help: `Store version of the ${options.what} in force on this instance (0: none stored)`,
      sample: () => this.inForce.version,
    });
  }

  /** Seeds an empty store, puts the stored content in force (a store that fails here stops the start), then polls. */
  async start(): Promise<void> {
    const stored = await this.seed();
    if (stored) this.apply(stored);
    this.stopTimer = this.timer.every(this.reloadIntervalMs, () => void this.reload());
  }

  stop(): void {
    this.stopTimer?.();
  }

  /** Reads the store and puts a newer version in force (so an editor starts from the newest). */
  async refresh(): Promise<void> {
    const stored = await this.settings.get(this.options.key);
    if (stored && stored.version !== this.inForce.version) this.apply(stored);
  }

  /**
   * Stores `content` (checked by the caller) over `expectedVersion` (any, when absent) and puts it in
   * force here. Throws {@link SettingsVersionConflict} when someone else saved since.
   */
  async save(content: T, expectedVersion?: number): Promise<void> {
    const written = await this.settings.put(this.options.key, this.options.toValue(content), expectedVersion);
    if (written.version > this.inForce.version) this.apply(written);
  }

  /** Reads the stored version and swaps in a newer one; one read at a time. Never throws. */
  reload(): Promise<void> {
    this.reloading ??= this.readStored().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async readStored(): Promise<void> {
    const { what } = this.options;
    try {
      await this.refresh();
      if (this.failing) this.logger.log(`${what} are read from the store again (version ${this.inForce.version})`);
      this.failing = false;
    } catch (error) {
      this.reloadFailures.inc();
      if (this.failing) return;
      this.failing = true;
      this.logger.error(
        `could not reload the ${what} (${(error as Error).message}); version ${this.inForce.version} stays in force ` +
          `and the store is read again every ${this.reloadIntervalMs} ms: check the store (TNT_STORE, TNT_DATABASE_URL) ` +
          `and save valid ${what} at ${this.options.editedAt} if the stored ones are broken`,
      );
    }
  }

  private async seed(): Promise<StoredSetting | undefined> {
    const { key, what, noun, seedVariable, editedAt } = this.options;
    const stored = await this.settings.get(key);
    if (stored || this.seeded === null) {
      if (stored && this.seeded !== null && JSON.stringify(this.options.toValue(this.seeded)) !== JSON.stringify(stored.value))
        this.logger.warn(
          `${seedVariable} differs from the stored ${noun} (version ${stored.version}); the stored ones stay in force ` +
            `(the file only seeds an empty store): edit them at ${editedAt}`,
        );
      return stored;
    }
    try {
      const written = await this.settings.put(key, this.options.toValue(this.seeded), 0);
      this.logger.log(`seeded the ${what} from ${seedVariable} into the store`);
      return written;
    } catch (error) {
      if (!(error instanceof SettingsVersionConflict)) throw error;
      // Another instance seeded first: its content (the same file, or edits since) is the one.
      return this.settings.get(key);
    }
  }

  private apply(stored: StoredSetting): void {
    let content: T;
    try {
      content = this.options.parse(stored.value);
    } catch (error) {
      throw new Error(`the stored ${this.options.what} (version ${stored.version}) are not valid: ${(error as Error).message}`);
    }
    this.inForce.apply(content, stored.version);
  }
}
