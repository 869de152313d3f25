import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { MetricsRegistry } from '@tnt/server/util-metrics';
import type { ExtensionSettingsStore } from './extension-settings-store';
import { StoredSettingsDocument, type ReloadTimer, type SettingInForce, type SettingsDocumentOptions } from './stored-settings-document';

/** What one extension's provider is, for {@link StoredSettingsProvider}: its document, and words for its start log. */
export interface SettingsProviderOptions<T> extends SettingsDocumentOptions<T> {
  /** The extension in words (`phrase alerts`). */
  readonly extension: string;
  /** One item of the document in one word (`rule`). */
  readonly item: string;
}

/**
 * The Nest provider of one extension's shared document (phrase alerts' rules, agent assist's cards):
 * a {@link StoredSettingsDocument} started with the module and stopped with it, and what the
 * extension's controller asks of it (the state in force after a read, a save over a version). A
 * subclass names its injection tokens, its options, its state and the names of what is in force;
 * seeding, reloading and conflicts are the document's (see there).
 *
 * `T`: the content (`readonly AlertRule[]`); `S`: the state answered over HTTP (`{rules, version}`).
 */
export abstract class StoredSettingsProvider<T, S> implements OnModuleInit, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly document: StoredSettingsDocument<T>;

  protected constructor(
    private readonly options: SettingsProviderOptions<T>,
    private readonly inForce: SettingInForce<T>,
    settings: ExtensionSettingsStore,
    /** The content to seed an empty store with; `null`: none. */
    seeded: T | null,
    metrics: MetricsRegistry,
    timer: ReloadTimer,
    reloadIntervalMs: number,
  ) {
    this.logger = new Logger(options.loggerContext);
    this.document = new StoredSettingsDocument(options, inForce, settings, seeded, metrics, timer, reloadIntervalMs);
  }

  /** Seeds an empty store, puts the stored content in force (a store that fails here stops the start), then polls. */
  async onModuleInit(): Promise<void> {
    await this.document.start();
    this.logger.log(this.startLine());
  }

  onModuleDestroy(): void {
    this.document.stop();
  }

  /** The content in force and its version, after reading the store (so an editor starts from the newest). */
  async current(): Promise<S> {
    await this.document.refresh();
    return this.state();
  }

  /**
   * Stores `content` (checked by the caller) over `expectedVersion` (any, when absent) and puts it in
   * force here. Throws `SettingsVersionConflict` when someone else saved since.
   */
  async save(content: T, expectedVersion?: number): Promise<S> {
    await this.document.save(content, expectedVersion);
    return this.state();
  }

  /** Reads the stored version and swaps in a newer one; one read at a time. Never throws. */
  reload(): Promise<void> {
    return this.document.reload();
  }

  /** The content in force and its version, as the extension's API answers them (a copy). */
  protected abstract state(): S;

  /** The names of the items in force (the rules' names, the cards' ids), for the start log. */
  protected abstract namesInForce(): readonly string[];

  /** `phrase alerts: version 3, 2 rule(s): refund, legal` (`none` for no items). */
  private startLine(): string {
    const names = this.namesInForce();
    const { extension, item } = this.options;
    return `${extension}: version ${this.inForce.version}, ${names.length} ${item}(s): ${names.join(', ') || 'none'}`;
  }
}
