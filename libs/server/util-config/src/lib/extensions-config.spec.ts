import { loadConfig } from './tnt-config';

describe('extension settings', () => {
  it('redacts every kind of personal data by default and seeds no alert rules', () => {
    expect(loadConfig({}).extensions).toMatchObject({
      redaction: true,
      redactionEntities: ['card', 'phone', 'ssn', 'dob', 'email', 'number'],
      alertRulesFile: undefined,
      talkMetrics: { enabled: false, intervalMs: 5000, silenceAlertMs: 10_000 },
      assistCardsFile: undefined,
      sentiment: { enabled: true, negativeRun: 3, negativeBelow: -0.3 },
    });
  });

  it('reads the kinds to redact, the switch and the rules file', () => {
    const config = loadConfig({ TNT_REDACTION: 'off', TNT_REDACTION_ENTITIES: 'card, Email', TNT_ALERT_RULES_FILE: '/etc/tnt/rules.json' });
    expect(config.extensions).toMatchObject({
      redaction: false,
      redactionEntities: ['card', 'email'],
      alertRulesFile: '/etc/tnt/rules.json',
    });
  });

  it('reads the agent-assist cards file, which switches agent assist on', () => {
    expect(loadConfig({ TNT_ASSIST_CARDS_FILE: ' /etc/tnt/cards.json ' }).extensions.assistCardsFile).toBe('/etc/tnt/cards.json');
    expect(loadConfig({ TNT_ASSIST_CARDS_FILE: '' }).extensions.assistCardsFile).toBeUndefined();
  });

  it('rejects an unknown kind with a message naming the variable and the known kinds', () => {
    expect(() => loadConfig({ TNT_REDACTION_ENTITIES: 'card,iban' })).toThrow(
      'Invalid configuration: TNT_REDACTION_ENTITIES must be a comma-separated list of ' +
        'card, phone, ssn, dob, email, number (got "card,iban")',
    );
  });
});
