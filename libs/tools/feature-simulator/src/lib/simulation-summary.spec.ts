import { wordErrorRate } from '@tnt/shared/util-testing';
import type { Conversation } from '@tnt/tools/util-speech';
import { SimulationSummary, type SimulatedCallResult } from './simulation-summary';

function finishedCall(number: number): SimulatedCallResult {
  return {
    call: { callId: `call-${number}`, agentId: 'agent-1', from: '+15550100', to: '+15550199' },
    conversation: {} as Conversation,
    watched: { callId: `call-${number}`, finals: [], interimCount: 0, firstInterimAt: new Map(), finalAt: new Map() },
    streamStartedAt: 0,
    speed: 1,
    wordErrorRate: { caller: 0.5, agent: 0 },
  };
}

describe('SimulationSummary', () => {
  const scores = { caller: wordErrorRate('one two', 'one three'), agent: wordErrorRate('yes', 'yes') };

  it('keeps only the last keepRecent calls in full, however many finish', () => {
    const summary = new SimulationSummary(3);
    for (let number = 1; number <= 1000; number++) summary.add(finishedCall(number), scores);
    expect(summary.finishedCalls).toBe(1000);
    expect(summary.recent.map((result) => result.call.callId)).toEqual(['call-998', 'call-999', 'call-1000']);
  });

  it('pools word errors over every call, per speaker and for both', () => {
    const summary = new SimulationSummary(1);
    for (let number = 1; number <= 10; number++) summary.add(finishedCall(number), scores);
    expect(summary.wordErrorsBySpeaker.caller).toMatchObject({ errors: 10, referenceWords: 20, rate: 0.5 });
    expect(summary.wordErrorsBySpeaker.agent).toMatchObject({ errors: 0, referenceWords: 10, rate: 0 });
    expect(summary.wordErrors).toMatchObject({ errors: 10, referenceWords: 30 });
  });

  it('refuses to keep no calls at all', () => {
    expect(() => new SimulationSummary(0)).toThrow('keepRecent must be a positive integer (got 0)');
  });
});
