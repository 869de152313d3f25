import { compileRule, matchRules, stem } from './phrase-matcher';

const rules = [
  compileRule({ name: 'cancellation', phrases: ['cancel my subscription', 'cancel the contract'], severity: 'critical' }),
  compileRule({ name: 'manager', phrases: ['speak to a manager'], speaker: 'caller' }),
  compileRule({ name: 'legal', phrases: [], regex: '\\b(lawyer|attorney|sue)\\b' }),
];

function names(text: string, speaker: 'caller' | 'agent' = 'caller', before = ''): string[] {
  return matchRules(rules, text, speaker, before).map((match) => match.rule.name);
}

describe('phrase matching', () => {
  it('stems the forms of a word to one stem', () => {
    expect(new Set(['cancel', 'cancels', 'cancelled', 'canceled', 'cancelling', 'cancellation'].map(stem))).toEqual(new Set(['cancel']));
    expect(stem('subscriptions')).toBe(stem('subscription'));
  });

  it('matches a phrase in another form of its words, on word boundaries only', () => {
    expect(names('i want to cancel my subscription today')).toEqual(['cancellation']);
    expect(names('I am cancelling my subscriptions.')).toEqual(['cancellation']);
    expect(names('please uncancel my subscription')).toEqual([]);
    expect(names('cancel my sub')).toEqual([]);
  });

  it('matches a regex case-insensitively and keeps to the rule speaker', () => {
    expect(names('My LAWYER will call you')).toEqual(['legal']);
    expect(names('let me speak to a manager')).toEqual(['manager']);
    expect(names('let me speak to a manager', 'agent')).toEqual([]);
  });

  it('reports the words that matched as they were written', () => {
    expect(matchRules(rules, 'OK, Cancelling the contract now', 'caller')[0].matched).toBe('Cancelling the contract');
  });

  it('matches a phrase said across two segments in the second, and not again after it', () => {
    expect(names('the contract now', 'caller', 'i want to cancel')).toEqual(['cancellation']);
    expect(names('thanks', 'caller', 'cancel the contract')).toEqual([]);
  });

  it('refuses a rule whose regex does not compile, naming it', () => {
    expect(() => compileRule({ name: 'broken', regex: '(unclosed' })).toThrow(/alert rule "broken": regex does not compile/);
  });
});
