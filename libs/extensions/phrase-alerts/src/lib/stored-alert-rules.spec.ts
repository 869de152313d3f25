import { Logger } from '@nestjs/common';
import type { AlertRule } from '@tnt/protocol';
import {
  MemoryExtensionSettingsStore,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type ReloadTimer,
} from '@tnt/server/util-extension-settings';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { AlertRuleSet } from './alert-rule-set';
import { ALERT_RULES_KEY, StoredAlertRules } from './stored-alert-rules';

const refund: AlertRule = { name: 'refund', phrases: ['refund'] };
const legal: AlertRule = { name: 'legal', regex: 'lawyer', severity: 'critical' };

/** A timer the test fires by hand, in place of `setInterval`. */
class ManualTimer implements ReloadTimer {
  readonly tasks: (() => void)[] = [];
  every(_intervalMs: number, task: () => void): () => void {
    this.tasks.push(task);
    return () => this.tasks.splice(this.tasks.indexOf(task), 1);
  }
}

/** One gateway instance's rules, on `store` (shared by the instances of one test). */
class Instance {
  readonly ruleSet = new AlertRuleSet();
  readonly metrics = new PrometheusMetrics();
  readonly timer = new ManualTimer();
  readonly rules: StoredAlertRules;

  constructor(store: ExtensionSettingsStore, seeded: readonly AlertRule[] | null) {
    this.rules = new StoredAlertRules(this.ruleSet, store, seeded, this.metrics, this.timer, 2_000);
  }

  /** Fires the reload timer once and waits for the read it starts. */
  async tick(): Promise<void> {
    for (const task of this.timer.tasks) task();
    await this.rules.reload();
  }

  async failures(): Promise<string | undefined> {
    return /tnt_alert_rules_reload_failures_total (\d+)/.exec(await this.metrics.render())?.[1];
  }
}

describe('StoredAlertRules', () => {
  let store: MemoryExtensionSettingsStore;
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;

  beforeEach(() => {
    store = new MemoryExtensionSettingsStore();
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('seeds an empty store with the file rules and puts them in force at version 1', async () => {
    const instance = new Instance(store, [refund]);
    await instance.rules.onModuleInit();
    expect(await store.get(ALERT_RULES_KEY)).toEqual({ version: 1, value: { rules: [refund] } });
    expect(instance.ruleSet.rules).toEqual([refund]);
    expect(instance.ruleSet.version).toBe(1);
    expect(instance.ruleSet.matchers.map((rule) => rule.name)).toEqual(['refund']);
  });

  it('seeds once when several instances start at once on one store', async () => {
    const instances = [new Instance(store, [refund]), new Instance(store, [refund]), new Instance(store, [refund])];
    await Promise.all(instances.map((instance) => instance.rules.onModuleInit()));
    expect((await store.get(ALERT_RULES_KEY))?.version).toBe(1);
    expect(instances.map((instance) => instance.ruleSet.version)).toEqual([1, 1, 1]);
  });

  it('keeps the stored rules over a file that changed since, and says so', async () => {
    await store.put(ALERT_RULES_KEY, { rules: [legal] });
    const instance = new Instance(store, [refund]);
    await instance.rules.onModuleInit();
    expect(instance.ruleSet.rules).toEqual([legal]);
    expect((await store.get(ALERT_RULES_KEY))?.version).toBe(1);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/TNT_ALERT_RULES_FILE differs from the stored rules \(version 1\)/));
  });

  it('starts with no rules at version 0 when nothing is stored or seeded', async () => {
    const instance = new Instance(store, null);
    await instance.rules.onModuleInit();
    expect(await instance.rules.current()).toEqual({ rules: [], version: 0 });
    expect(await store.get(ALERT_RULES_KEY)).toBeUndefined();
  });

  it('puts a rule set saved on one instance in force on another at its next reload', async () => {
    const [one, two] = [new Instance(store, [refund]), new Instance(store, [refund])];
    await one.rules.onModuleInit();
    await two.rules.onModuleInit();
    expect(await one.rules.save([refund, legal], 1)).toEqual({ rules: [refund, legal], version: 2 });
    expect(one.ruleSet.version).toBe(2);
    expect(two.ruleSet.rules).toEqual([refund]);
    await two.tick();
    expect(two.ruleSet.rules).toEqual([refund, legal]);
    expect(two.ruleSet.version).toBe(2);
  });

  it('refuses a save over a version someone else saved past, keeping the newer rules', async () => {
    const [one, two] = [new Instance(store, [refund]), new Instance(store, [refund])];
    await one.rules.onModuleInit();
    await two.rules.onModuleInit();
    await one.rules.save([legal], 1);
    await expect(two.rules.save([refund, legal], 1)).rejects.toBeInstanceOf(SettingsVersionConflict);
    expect(await two.rules.current()).toEqual({ rules: [legal], version: 2 });
  });

  it('keeps the rules in force when reloading fails, counts each failure and logs it once until it recovers', async () => {
    const instance = new Instance(store, [refund]);
    await instance.rules.onModuleInit();
    const get = jest.spyOn(store, 'get').mockRejectedValue(new Error('connection refused'));
    await instance.tick();
    await instance.tick();
    await instance.tick();
    expect(await instance.failures()).toBe('3');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/could not reload the phrase-alert rules \(connection refused\); version 1 stays/),
    );
    expect(instance.ruleSet.rules).toEqual([refund]);
    get.mockRestore();
    await store.put(ALERT_RULES_KEY, { rules: [legal] }, 1);
    await instance.tick();
    expect(instance.ruleSet.rules).toEqual([legal]);
    jest.spyOn(store, 'get').mockRejectedValueOnce(new Error('connection refused again'));
    await instance.tick();
    expect(errors).toHaveBeenCalledTimes(2);
  });

  it('counts a stored rule set that does not validate as a failed reload, keeping the rules in force', async () => {
    const instance = new Instance(store, [refund]);
    await instance.rules.onModuleInit();
    await store.put(ALERT_RULES_KEY, { rules: [{ name: 'broken', regex: '(' }] });
    await instance.tick();
    await store.put(ALERT_RULES_KEY, { rules: 'not a list' });
    await instance.tick();
    expect(instance.ruleSet).toMatchObject({ version: 1, rules: [refund] });
    expect(await instance.failures()).toBe('2');
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('stops reading the store when the module is destroyed', async () => {
    const instance = new Instance(store, null);
    await instance.rules.onModuleInit();
    expect(instance.timer.tasks).toHaveLength(1);
    instance.rules.onModuleDestroy();
    expect(instance.timer.tasks).toHaveLength(0);
  });
});
