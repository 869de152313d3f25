/**
 * Agent-assist cards in cluster mode, as the alert rules are (same cluster harness): two gateway
 * processes on one PostgreSQL schema and one Redis prefix. A supervisor saves a card on instance 0;
 * a call whose audio goes to instance 1 (so whose transcript processors run there) raises it.
 * SIMULATION: the scripted engine's conversations stand in for speech; the agent of each says "you".
 */
import { isAssistInsight, type AssistCardsState } from '@tnt/protocol';
import { useSharedSettingsCluster } from './support/shared-settings-cluster';

const CARD = { id: 'you-card', title: 'Said you', body: 'The agent addressed the caller.', phrases: ['you'], speaker: 'agent' } as const;

jest.setTimeout(90_000);

describe('cluster mode: assist cards every instance shares', () => {
  const shared = useSharedSettingsCluster({
    path: '/api/assist-cards',
    versionMetric: 'tnt_assist_cards_version',
    supervisor: 'cards-lead',
  });

  it('raises a card saved on one instance in a call another instance owns', async () => {
    expect(await shared().read<AssistCardsState>(1)).toEqual({ cards: [], version: 0 });

    const saved = await shared().write(0, { cards: [CARD], version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(await saved.json()).toEqual({ cards: [CARD], version: 1 });
    // Instance 1 was not asked: it reads the store's version on its reload timer.
    await shared().awaitVersion(1, 1);

    const raised = await shared().insightOfCallOn(1, 'cards', (insight) => isAssistInsight(insight) && insight.cardId === CARD.id);
    expect(raised.insight).toMatchObject({ kind: 'assist', title: CARD.title, matched: expect.stringMatching(/^you$/i) });
  });

  it('refuses, on either instance, a save over a version the other one saved past', async () => {
    const current = await shared().read<AssistCardsState>(1);
    const put = (index: number) =>
      shared().write(index, { cards: [{ ...CARD, id: `edit-on-${index}` }] }, { 'if-match': `"${current.version}"` });
    const answers = await Promise.all([put(0), put(1)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409);
    expect(await refused?.json()).toMatchObject({ code: 'SETTINGS_VERSION_CONFLICT' });
    await shared().awaitVersionOnBoth(current.version + 1);
  });
});
