/**
 * Phrase-alert rules in cluster mode: two gateway processes on one PostgreSQL schema and one Redis
 * prefix. A supervisor saves a rule on instance 0; a call whose audio goes to instance 1 (so whose
 * transcript processors run there) raises the new alert. SIMULATION: the scripted engine's
 * conversations stand in for speech; the agent of each says "you".
 */
import { isAlertInsight, type AlertRulesState } from '@tnt/protocol';
import { useSharedSettingsCluster } from './support/shared-settings-cluster';

const RULE = { name: 'you-said', regex: '\\byou\\b', severity: 'critical' } as const;

jest.setTimeout(90_000);

describe('cluster mode: alert rules every instance shares', () => {
  const shared = useSharedSettingsCluster({ path: '/api/alert-rules', versionMetric: 'tnt_alert_rules_version', supervisor: 'rules-lead' });

  it('raises a rule saved on one instance in a call another instance owns', async () => {
    expect(await shared().read<AlertRulesState>(1)).toEqual({ rules: [], version: 0 });

    const saved = await shared().write(0, { rules: [RULE], version: 0 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ rules: [RULE], version: 1 });
    // Instance 1 was not asked: it reads the store's version on its reload timer.
    await shared().awaitVersion(1, 1);

    const alert = await shared().insightOfCallOn(1, 'rules', (insight) => isAlertInsight(insight) && insight.name === RULE.name);
    expect(alert.insight).toMatchObject({ kind: 'alert', rule: 'you-said', severity: 'critical' });
  });

  it('refuses, on either instance, a save over a version the other one saved past', async () => {
    const current = await shared().read<AlertRulesState>(1);
    const put = (index: number) =>
      shared().write(index, { rules: [{ ...RULE, name: `edit-on-${index}` }] }, { 'if-match': `"${current.version}"` });
    const answers = await Promise.all([put(0), put(1)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    await shared().awaitVersionOnBoth(current.version + 1);
  });
});
