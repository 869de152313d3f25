import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { deleteKeysWithPrefix } from '../testing';
import { claimCall, fencedAppend, type AppendOutcome } from './fenced-scripts';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `tnt-test-${randomUUID()}:`;
const TTL_MS = 60_000;

describe('fencedAppend (group commit of one call’s events)', () => {
  let redis: Redis;
  let prefix: string;
  let testNumber = 0;

  beforeAll(() => {
    redis = new Redis(URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });

  beforeEach(() => {
    prefix = `${PREFIX}${testNumber++}:`;
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(URL, PREFIX);
    await redis.quit();
  });

  const callKey = () => `${prefix}call:c1`;
  const streamKey = () => `${prefix}events`;

  function append(instanceId: string, previousSeq: number | undefined, seqs: readonly number[]): Promise<AppendOutcome[]> {
    return fencedAppend(redis, {
      callKey: callKey(),
      streamKey: streamKey(),
      instanceId,
      previousSeq,
      events: seqs.map((seq) => ({ seq, create: seq === 1, json: JSON.stringify({ seq }) })),
      minId: 0,
      ttlMs: TTL_MS,
    });
  }

  async function streamSeqs(): Promise<number[]> {
    const entries = (await redis.xrange(streamKey(), '-', '+')) as [string, string[]][];
    return entries.map(([, fields]) => (JSON.parse(fields[1]) as { seq: number }).seq);
  }

  const kinds = (outcomes: readonly AppendOutcome[]) => outcomes.map((outcome) => outcome.kind);

  it('appends a run of events in one call, each once and in order', async () => {
    const outcomes = await append('owner', undefined, [1]);
    expect(kinds(outcomes)).toEqual(['appended']);
    expect(kinds(await append('owner', 1, [2, 3, 4, 5]))).toEqual(['appended', 'appended', 'appended', 'appended']);
    expect(await streamSeqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a stale seq in the middle of a run exactly as a single append would, and decides nothing after it', async () => {
    await append('owner', undefined, [1]);
    const outcomes = await append('owner', 1, [2, 3, 2, 4]);
    expect(outcomes).toEqual([
      expect.objectContaining({ kind: 'appended' }),
      expect.objectContaining({ kind: 'appended' }),
      { kind: 'out-of-order', storedSeq: 3 },
    ]);
    // The same stale seq alone, as the one-event append refused it.
    expect(await append('owner', 3, [2])).toEqual([{ kind: 'out-of-order', storedSeq: 3 }]);
    // The event after the refusal goes in the next run, following the last one appended.
    expect(kinds(await append('owner', 3, [4]))).toEqual(['appended']);
    expect(await streamSeqs()).toEqual([1, 2, 3, 4]);
  });

  it('takes a run sent again after its reply was lost as duplicates, and appends only what is new behind it', async () => {
    await append('owner', undefined, [1]);
    expect(kinds(await append('owner', 1, [2, 3, 4]))).toEqual(['appended', 'appended', 'appended']);
    // The reply was lost: the owner still believes 1 is its last seq and sends the run again, with more behind it.
    expect(kinds(await append('owner', 1, [2, 3, 4, 5, 6]))).toEqual(['duplicate', 'duplicate', 'duplicate', 'appended', 'appended']);
    expect(kinds(await append('owner', 1, [2, 3, 4, 5, 6]))).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await streamSeqs()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a run whose previous seq is not the stored one, when the stored seq is not part of the run', async () => {
    await append('owner', undefined, [1]);
    await append('owner', 1, [2, 3]);
    expect(await append('owner', 1, [4, 5])).toEqual([{ kind: 'out-of-order', storedSeq: 3 }]);
    expect(await streamSeqs()).toEqual([1, 2, 3]);
  });

  it('fences a whole run once another instance claimed the call, appending none of it', async () => {
    await append('owner', undefined, [1]);
    expect(await claimCall(redis, callKey(), 'successor', TTL_MS)).toBe(1);
    expect(await append('owner', 1, [2, 3])).toEqual([{ kind: 'fenced', owner: 'successor' }]);
    expect(kinds(await append('successor', 1, [2, 3]))).toEqual(['appended', 'appended']);
    expect(await streamSeqs()).toEqual([1, 2, 3]);
  });

  it('reports a missing hash at the head of a run unless the head may create it', async () => {
    expect(await append('owner', 4, [5, 6])).toEqual([{ kind: 'missing' }]);
    expect(await streamSeqs()).toEqual([]);
  });
});
