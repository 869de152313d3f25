import { Logger } from '@nestjs/common';
import type { AlertRule } from '@tnt/protocol';
import { MemoryExtensionSettingsStore, SettingsVersionConflict, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { StoredSettingsInstance } from '@tnt/server/util-extension-settings/testing';
import { AlertRuleSet } from './alert-rule-set';
import { ALERT_RULES_KEY, StoredAlertRules } from './stored-alert-rules';

const refund: AlertRule = { name: 'refund', phrases: ['refund'] };
const legal: AlertRule = { name: 'legal', regex: 'lawyer', severity: 'critical' };

/** One gateway instance's rules (`inForce`) and their `stored` provider, on `store` (shared by the instances of one test). */
const newInstance = (store: ExtensionSettingsStore, seeded: readonly AlertRule[] | null) =>
  new StoredSettingsInstance(
    new AlertRuleSet(),
    'tnt_alert_rules',
    (ruleSet, metrics, timer) => new StoredAlertRules(ruleSet, store, seeded, metrics, timer, 2_000),
  );

describe('StoredAlertRules', () => {
  let store: MemoryExtensionSettingsStore;
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;
  let logs: jest.SpyInstance;

  beforeEach(() => {
    store = new MemoryExtensionSettingsStore();
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('seeds an empty store with the file rules and puts them in force at version 1', async () => {
    const instance = newInstance(store, [refund]);
    await instance.stored.onModuleInit();
    expect(await store.get(ALERT_RULES_KEY)).toEqual({ version: 1, value: { rules: [refund] } });
    expect(instance.inForce.rules).toEqual([refund]);
    expect(instance.inForce.version).toBe(1);
    expect(instance.inForce.matchers.map((rule) => rule.name)).toEqual(['refund']);
    expect(logs).toHaveBeenCalledWith('phrase alerts: version 1, 1 rule(s): refund');
  });

  it('seeds once when several instances start at once on one store', async () => {
    const instances = [newInstance(store, [refund]), newInstance(store, [refund]), newInstance(store, [refund])];
    await Promise.all(instances.map((instance) => instance.stored.onModuleInit()));
    expect((await store.get(ALERT_RULES_KEY))?.version).toBe(1);
    expect(instances.map((instance) => instance.inForce.version)).toEqual([1, 1, 1]);
  });

  it('keeps the stored rules over a file that changed since, and says so', async () => {
    await store.put(ALERT_RULES_KEY, { rules: [legal] });
    const instance = newInstance(store, [refund]);
    await instance.stored.onModuleInit();
    expect(instance.inForce.rules).toEqual([legal]);
    expect((await store.get(ALERT_RULES_KEY))?.version).toBe(1);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/TNT_ALERT_RULES_FILE differs from the stored rules \(version 1\)/));
  });

  it('starts with no rules at version 0 when nothing is stored or seeded', async () => {
    const instance = newInstance(store, null);
    await instance.stored.onModuleInit();
    expect(await instance.stored.current()).toEqual({ rules: [], version: 0 });
    expect(await store.get(ALERT_RULES_KEY)).toBeUndefined();
    expect(logs).toHaveBeenCalledWith('phrase alerts: version 0, 0 rule(s): none');
  });

  it('puts a rule set saved on one instance in force on another at its next reload', async () => {
    const [one, two] = [newInstance(store, [refund]), newInstance(store, [refund])];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();
    expect(await one.stored.save([refund, legal], 1)).toEqual({ rules: [refund, legal], version: 2 });
    expect(one.inForce.version).toBe(2);
    expect(two.inForce.rules).toEqual([refund]);
    await two.tick();
    expect(two.inForce.rules).toEqual([refund, legal]);
    expect(two.inForce.version).toBe(2);
  });

  it('refuses a save over a version someone else saved past, keeping the newer rules', async () => {
    const [one, two] = [newInstance(store, [refund]), newInstance(store, [refund])];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();
    await one.stored.save([legal], 1);
    await expect(two.stored.save([refund, legal], 1)).rejects.toBeInstanceOf(SettingsVersionConflict);
    expect(await two.stored.current()).toEqual({ rules: [legal], version: 2 });
  });

  it('keeps the rules in force when reloading fails, counts each failure and logs it once until it recovers', async () => {
    const instance = newInstance(store, [refund]);
    await instance.stored.onModuleInit();
    const get = jest.spyOn(store, 'get').mockRejectedValue(new Error('connection refused'));
    await instance.tick();
    await instance.tick();
    await instance.tick();
    expect(await instance.failures()).toBe('3');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/could not reload the phrase-alert rules \(connection refused\); version 1 stays/),
    );
    expect(instance.inForce.rules).toEqual([refund]);
    get.mockRestore();
    await store.put(ALERT_RULES_KEY, { rules: [legal] }, 1);
    await instance.tick();
    expect(instance.inForce.rules).toEqual([legal]);
    jest.spyOn(store, 'get').mockRejectedValueOnce(new Error('connection refused again'));
    await instance.tick();
    expect(errors).toHaveBeenCalledTimes(2);
  });

  it('counts a stored rule set that does not validate as a failed reload, keeping the rules in force', async () => {
    const instance = newInstance(store, [refund]);
    await instance.stored.onModuleInit();
    await store.put(ALERT_RULES_KEY, { rules: [{ name: 'broken', regex: '(' }] });
    await instance.tick();
    await store.put(ALERT_RULES_KEY, { rules: 'not a list' });
    await instance.tick();
    expect(instance.inForce).toMatchObject({ version: 1, rules: [refund] });
    expect(await instance.failures()).toBe('2');
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it('stops reading the store when the module is destroyed', async () => {
    const instance = newInstance(store, null);
    await instance.stored.onModuleInit();
    expect(instance.timer.tasks).toHaveLength(1);
    instance.stored.onModuleDestroy();
    expect(instance.timer.tasks).toHaveLength(0);
  });
});
