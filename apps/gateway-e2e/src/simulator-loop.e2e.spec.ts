import { fixtureConversations, runSimulation, type SimulatedCallResult } from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { credentialsOf, startGateway, type GatewayProcess } from './support/gateway-process';

const FIXTURES = join(__dirname, '..', '..', '..', 'tools', 'fixtures', 'conversations');
const LINES = 2;

// A full collection on demand, so what is still reachable can be counted instead of guessed at from heap bytes.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The first second of a fixture: enough for a call to start, stream and end quickly. */
function firstSecondOf(conversation: Conversation): Conversation {
  const samples = conversation.sampleRate;
  return { ...conversation, caller: conversation.caller.subarray(0, samples), agent: conversation.agent.subarray(0, samples) };
}

/** How many of the objects behind `references` survive a full collection. */
async function countReachable(references: readonly WeakRef<object>[]): Promise<number> {
  // A WeakRef's target stays alive until the job that created or read it ends; collect in a later turn.
  await nextTurn();
  collectGarbage();
  await nextTurn();
  return references.filter((reference) => reference.deref() !== undefined).length;
}

describe('simulator loop mode: memory bounded by lines, not by calls', () => {
  let gateway: GatewayProcess;
  let conversations: Conversation[];

  beforeAll(async () => {
    conversations = (await fixtureConversations(FIXTURES)).map(firstSecondOf);
    gateway = await startGateway({ TNT_ENGINE: 'scripted' });
  });
  afterAll(() => gateway.stop());

  it('keeps the same few finished calls reachable after 10 calls as after 30, and running totals over all', async () => {
    const finishedResults: WeakRef<SimulatedCallResult>[] = [];
    const finishedWatches: WeakRef<object>[] = [];
    const reachableAt: Record<number, { results: number; watches: number }> = {};
    const checkpoints: Promise<void>[] = [];
    const stop = new AbortController();
    const checkpoint = (calls: number) => async () => {
      const results = await countReachable(finishedResults.slice(0, calls));
      reachableAt[calls] = { results, watches: await countReachable(finishedWatches.slice(0, calls)) };
    };
    const onCallFinished = (result: SimulatedCallResult) => {
      finishedResults.push(new WeakRef(result));
      finishedWatches.push(new WeakRef(result.watched));
      if (finishedResults.length === 10 || finishedResults.length === 30) checkpoints.push(checkpoint(finishedResults.length)());
      if (finishedResults.length >= 32) stop.abort();
    };

    const summary = await runSimulation({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      credentials: credentialsOf(gateway),
      endpoint: 'l16',
      conversations,
      calls: LINES,
      speed: 10,
      loop: true,
      signal: stop.signal,
      callIdPrefix: 'e2e-loop',
      onCallFinished,
    });
    await Promise.all(checkpoints);

    expect(summary.finishedCalls).toBe(finishedResults.length);
    expect(summary.recent).toHaveLength(LINES);
    expect(summary.wordErrors.referenceWords).toBeGreaterThan(0);
    // The summary keeps one call per line; at most one more per line can be on its way through the
    // finishing code at the moment of counting. Keeping every call would show 10 and then 30 here.
    expect(reachableAt).toEqual({ 10: expect.any(Object), 30: expect.any(Object) });
    for (const calls of [10, 30]) {
      expect(reachableAt[calls].results).toBeLessThanOrEqual(2 * LINES);
      expect(reachableAt[calls].watches).toBeLessThanOrEqual(2 * LINES);
    }
  }, 120_000);
});
