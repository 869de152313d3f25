import { AlertRuleSet, PhraseAlertProcessor, readAlertRulesFile } from '@tnt/extensions/phrase-alerts';
import type { CallInfo, Insight, Speaker, TranscriptSegment } from '@tnt/protocol';
import { join } from 'node:path';
import { AgentAssistProcessor } from './agent-assist.processor';
import { AssistCardSet } from './assist-card-set';
import { readAssistCardsFile } from './assist-cards-file';

/** The defaults `npm start` gives its demo (tools/scripts/start.sh). */
const DEMO_DIR = join(__dirname, '../../../../../tools/fixtures/demo');

/**
 * What pocketsphinx (the default engine) heard of the three fixture conversations in a `TNT_DEMO=1`
 * run of the built gateway (formatted and redacted, as the processors get it); the lines it misheard
 * are kept as heard ("9 car solicitors" for "my parcel was supposed").
 */
const HEARD: Record<string, readonly (readonly [Speaker, string])[]> = {
  'billing-question': [
    ['caller', 'I I am calling it now my phone bill was charged like this month.'],
    ['agent', 'I am sorry about that, can you tell me your account number please?'],
    ['caller', 'Yes, it is [NUMBER]'],
    ['agent', 'Sam q I can see the second charge and I will refunded today.'],
    ['caller', 'Great, thank you very much.'],
    ['agent', "You're welcome have a nice day."],
  ],
  'delivery-delay': [
    ['caller', 'Hello, 9 car solicitors to arrive on Monday but it is still not care.'],
    ['agent', 'Let me check the tracking for you, what is your order number?'],
    ['caller', 'The larger number is 7213.'],
    ['agent', 'It is waiting at the local depot it should arrive tomorrow morning.'],
    ['caller', 'Okay, can I get a text message when it is on the way?'],
    ['agent', 'Yes, I have turned on text updates for disorder.'],
  ],
  'password-reset': [
    ['caller', "Good morning, I'd cannot lie again to my account I think I forgot my password."],
    ['agent', 'No problem, I can send you a research link, what is your email address?'],
    ['caller', 'It is John an example.com.'],
    ['agent', 'I have sent the link it will expire in one hour.'],
    ['caller', 'I got it and the new password works now goodbye.'],
  ],
};

function insightsOf(conversation: string, processor: { process: AgentAssistProcessor['process'] }): Insight[] {
  const call: CallInfo = { id: conversation, agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };
  const raised: Insight[] = [];
  HEARD[conversation].forEach(([speaker, text], index) => {
    const segment: TranscriptSegment = {
      id: `${speaker}-${index}`,
      text,
      speaker,
      confidence: 0.8,
      timestamp: '2026-01-01T00:00:01.000Z',
      isFinal: true,
      startMs: index * 5000,
      endMs: index * 5000 + 4000,
      engine: 'pocketsphinx',
      simulated: false,
    };
    processor.process(segment, { call, raiseInsight: (insight) => raised.push(insight) });
  });
  return raised;
}

describe("the demo's alert rules and cards", () => {
  const cards = new AssistCardSet();
  cards.apply(readAssistCardsFile(join(DEMO_DIR, 'assist-cards.json')), 1);
  const rules = new AlertRuleSet();
  rules.apply(readAlertRulesFile(join(DEMO_DIR, 'alert-rules.json')), 1);

  it.each([
    ['billing-question', ['double-charges']],
    ['delivery-delay', ['late-parcel', 'text-updates']],
    ['password-reset', ['password-reset']],
  ])('show the agent cards in the %s call, as pocketsphinx hears it', (conversation, expected) => {
    const raised = insightsOf(conversation, new AgentAssistProcessor(cards));
    expect(raised.map((insight) => (insight as { cardId?: string }).cardId)).toEqual(expected);
  });

  it.each([
    ['billing-question', ['double-charge', 'refund-given']],
    ['delivery-delay', ['late-delivery']],
    ['password-reset', ['locked-out']],
  ])('raise alerts in the %s call, as pocketsphinx hears it', (conversation, expected) => {
    const raised = insightsOf(conversation, new PhraseAlertProcessor(rules));
    expect([...new Set(raised.map((insight) => (insight as { name?: string }).name))]).toEqual(expected);
  });
});
