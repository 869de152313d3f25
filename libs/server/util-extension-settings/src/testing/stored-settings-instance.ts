import { PrometheusMetrics } from '@tnt/server/util-metrics';
import type { ReloadTimer } from '../lib/stored-settings-document';
import type { StoredSettingsProvider } from '../lib/stored-settings-provider';

/** A {@link ReloadTimer} the test fires by hand, in place of `setInterval`. */
export class ManualReloadTimer implements ReloadTimer {
  readonly tasks: (() => void)[] = [];
  every(_intervalMs: number, task: () => void): () => void {
    this.tasks.push(task);
    return () => this.tasks.splice(this.tasks.indexOf(task), 1);
  }
}

/**
 * One gateway instance of an extension's stored document, for the tests of its
 * {@link StoredSettingsProvider}: what it has in force (`inForce`, the rule set or card set), the
 * provider over it (`stored`), its own metrics and a reload timer the test fires with {@link tick}.
 */
export class StoredSettingsInstance<I, P extends StoredSettingsProvider<unknown, unknown>> {
  readonly metrics = new PrometheusMetrics();
  readonly timer = new ManualReloadTimer();
  readonly stored: P;

  /**
   * @param metricPrefix the document's metric prefix (`tnt_alert_rules`)
   * @param open the provider over `inForce`, with this instance's metrics and timer
   */
  constructor(
    readonly inForce: I,
    private readonly metricPrefix: string,
    open: (inForce: I, metrics: PrometheusMetrics, timer: ReloadTimer) => P,
  ) {
    this.stored = open(inForce, this.metrics, this.timer);
  }

  /** Fires the reload timer once and waits for the read it starts. */
  async tick(): Promise<void> {
    for (const task of this.timer.tasks) task();
    await this.stored.reload();
  }

  /** `<metricPrefix>_reload_failures_total` as rendered (`undefined`: not rendered). */
  async failures(): Promise<string | undefined> {
    return new RegExp(`${this.metricPrefix}_reload_failures_total (\\d+)`).exec(await this.metrics.render())?.[1];
  }
}
