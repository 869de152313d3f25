import { ArchiveQueryError } from '@tnt/server/util-call-archive';
import { activeCall, ended, started, transcript } from '../testing/call-fixtures';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { PostgresCallStorage } from './postgres-call-storage';

describe('PostgresCallArchive', () => {
  let schema: string;
  let storage: PostgresCallStorage;

  /** Records a call with the given final lines; ends it unless `open`. */
  async function record(id: string, agentId: string, startedAt: string, lines: string[], open = false): Promise<void> {
    const call = activeCall(id, agentId, startedAt);
    await storage.log.createCall(call);
    await storage.log.append(started(call));
    for (const [index, line] of lines.entries()) {
      await storage.log.append(transcript(id, index + 2, `${id}-u${index}`, line, { speaker: index % 2 ? 'agent' : 'caller' }));
    }
    if (!open) await storage.log.append(ended(call, lines.length + 2));
  }

  // A fresh schema per test: listings see only this test's calls.
  beforeEach(async () => {
    schema = randomSchemaName();
    storage = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-a' });
    await record('c1', 'agent-1', '2026-03-01T09:00:00.000Z', ['I want a refund for my order', 'Refunds take three days']);
    await record('c2', 'agent-2', '2026-03-01T10:00:00.000Z', ['My password does not work', 'Let me reset your password']);
    await record('c3', 'agent-1', '2026-03-02T09:00:00.000Z', ['Where is my delivery?', 'It was refunded & <b>shipped</b> again'], true);
  });
  afterEach(async () => {
    await storage.close();
    await dropSchema(schema);
  });

  it('lists calls newest first with their final segment count', async () => {
    const page = await storage.archive.listCalls({ limit: 10 });
    expect(page.calls.map((call) => [call.id, call.status, call.finalSegmentCount, call.lastSeq])).toEqual([
      ['c3', 'active', 2, 3],
      ['c2', 'ended', 2, 4],
      ['c1', 'ended', 2, 4],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by status, agent and start time, combined', async () => {
    const ids = async (query: object) => (await storage.archive.listCalls({ limit: 10, ...query })).calls.map((call) => call.id);
    expect(await ids({ status: 'ended' })).toEqual(['c2', 'c1']);
    expect(await ids({ agentId: 'agent-1' })).toEqual(['c3', 'c1']);
    expect(await ids({ startedFrom: '2026-03-01T10:00:00.000Z' })).toEqual(['c3', 'c2']);
    expect(await ids({ startedBefore: '2026-03-01T10:00:00.000Z' })).toEqual(['c1']);
    expect(await ids({ agentId: 'agent-1', status: 'ended', startedFrom: '2026-03-01T00:00:00+00:00' })).toEqual(['c1']);
    expect(await ids({ agentId: 'agent-1', text: 'refund' })).toEqual(['c3', 'c1']);
  });

  it('pages with a cursor that new calls do not disturb', async () => {
    const first = await storage.archive.listCalls({ limit: 2 });
    expect(first.calls.map((call) => call.id)).toEqual(['c3', 'c2']);
    await record('c4', 'agent-1', '2026-03-03T09:00:00.000Z', ['a newer call']);
    const second = await storage.archive.listCalls({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.calls.map((call) => call.id)).toEqual(['c1']);
    expect(second.nextCursor).toBeNull();
  });

  it('finds a call by its formatted text and by the raw engine words, showing the formatted text', async () => {
    const call = activeCall('c6', 'agent-3', '2026-03-05T09:00:00.000Z');
    await storage.log.createCall(call);
    await storage.log.append(started(call));
    const raw = 'i paid twenty nine dollars on the fourth of march';
    await storage.log.append(transcript('c6', 2, 'c6-u0', 'I paid $29 on March 4th.', { raw }));
    const ids = async (text: string) => (await storage.archive.listCalls({ limit: 10, text })).calls.map((found) => found.id);
    for (const query of ['$29', 'March 4th', 'twenty nine dollars', 'fourth of march', 'paid 29 dollars']) {
      expect({ query, ids: await ids(query) }).toEqual({ query, ids: ['c6'] });
    }
    const [byRaw] = (await storage.archive.listCalls({ limit: 10, text: 'twenty nine' })).calls;
    expect(byRaw.matches).toEqual([expect.objectContaining({ segmentId: 'c6-u0', text: 'I paid $29 on March 4th.', highlights: [] })]);
    const [byText] = (await storage.archive.listCalls({ limit: 10, text: '29' })).calls;
    expect(byText.matches?.[0].highlighted).toBe('I paid $<mark>29</mark> on March 4th.');
    expect((await storage.archive.transcript('c6'))?.segments).toEqual([
      expect.objectContaining({ text: 'I paid $29 on March 4th.', raw }),
    ]);
    expect((await storage.archive.transcript('c1'))?.segments[0]).not.toHaveProperty('raw');
  });

  it('finds calls by words of their final segments, stemmed, with highlighted lines', async () => {
    const page = await storage.archive.listCalls({ limit: 10, text: 'refund' });
    expect(page.calls.map((call) => call.id)).toEqual(['c3', 'c1']);
    const [c3, c1] = page.calls;
    expect(c1.matches?.map((match) => match.highlighted)).toEqual([
      'I want a <mark>refund</mark> for my order',
      '<mark>Refunds</mark> take three days',
    ]);
    expect(c1.matches?.[1]).toEqual({
      seq: 3,
      segmentId: 'c1-u1',
      speaker: 'agent',
      startMs: 3000,
      endMs: 3800,
      text: 'Refunds take three days',
      highlights: [{ start: 0, end: 7 }],
      highlighted: '<mark>Refunds</mark> take three days',
    });
    expect(c3.matches?.[0].highlighted).toBe('It was <mark>refunded</mark> &amp; &lt;b&gt;shipped&lt;/b&gt; again');
    expect(c3.matches?.[0].text).toBe('It was refunded & <b>shipped</b> again');
  });

  it('requires every word in one segment, keeps common words searchable and treats query syntax as plain words', async () => {
    const ids = async (text: string) => (await storage.archive.listCalls({ limit: 10, text })).calls.map((call) => call.id);
    expect(await ids('reset password')).toEqual(['c2']);
    expect(await ids('password refund')).toEqual([]);
    expect(await ids('"password" OR NEAR(')).toEqual([]);
    expect(await ids('password*')).toEqual(['c2']);
    expect(await ids('password & !refund')).toEqual([]);
    expect(await ids('where is my')).toEqual(['c3']);
  });

  it('returns at most five matches per call, the first in call order', async () => {
    await record('c5', 'agent-3', '2026-03-04T09:00:00.000Z', [
      'one invoice',
      'two invoices',
      'three',
      'invoice 3',
      'invoice 4',
      'invoice 5',
      'invoice 6',
    ]);
    const [c5] = (await storage.archive.listCalls({ limit: 10, text: 'invoice' })).calls;
    expect(c5.matches?.map((match) => match.seq)).toEqual([2, 3, 5, 6, 7]);
  });

  it('searches segments the moment they are committed', async () => {
    await record('c5', 'agent-3', '2026-03-04T09:00:00.000Z', ['a brand new complaint'], true);
    const page = await storage.archive.listCalls({ limit: 10, text: 'complaint' });
    expect(page.calls.map((call) => call.id)).toEqual(['c5']);
  });

  it('rejects a search without words and a cursor it did not make, naming the parameter', async () => {
    await expect(storage.archive.listCalls({ limit: 10, text: '?!' })).rejects.toMatchObject({ parameter: 'q' });
    await expect(storage.archive.listCalls({ limit: 10, cursor: 'bm9wZQ' })).rejects.toThrow(ArchiveQueryError);
    await expect(storage.archive.listCalls({ limit: 10, cursor: 'bm9wZQ' })).rejects.toMatchObject({ parameter: 'cursor' });
  });

  it('lists the calls an alert of a name was raised in, names their alerts, and gives the insights of a call in order', async () => {
    const refund = { kind: 'alert', id: 'c3-u1:refund', timestamp: '2026-03-02T09:00:09.000Z', segmentId: 'c3-u1' };
    const alert = { ...refund, rule: 'refund', name: 'refund', severity: 'info' as const, matched: 'refunded' };
    const metrics = { kind: 'metrics', id: 'm1', timestamp: '2026-03-02T09:00:10.000Z', talkRatio: 0.4 };
    await storage.log.append({ type: 'insight', callId: 'c3', seq: 4, insight: alert });
    await storage.log.append({ type: 'insight', callId: 'c3', seq: 5, insight: metrics });
    const listed = await storage.archive.listCalls({ limit: 10, alert: 'refund' });
    expect(listed.calls.map((call) => [call.id, call.alerts])).toEqual([['c3', ['refund']]]);
    expect((await storage.archive.listCalls({ limit: 10, alert: 'legal' })).calls).toEqual([]);
    expect((await storage.archive.listCalls({ limit: 10 })).calls.map((call) => call.alerts)).toEqual([['refund'], undefined, undefined]);
    expect((await storage.archive.getCall('c3'))?.insights).toEqual([alert, metrics]);
    expect(await storage.log.eventsAfter('c3', 3)).toEqual([
      { type: 'insight', callId: 'c3', seq: 4, insight: alert },
      { type: 'insight', callId: 'c3', seq: 5, insight: metrics },
    ]);
    expect((await storage.log.snapshot('c3'))?.insights).toEqual([alert, metrics]);
  });

  it('returns one call and its transcript in seq order, or undefined when unknown', async () => {
    expect(await storage.archive.getCall('c2')).toEqual({
      ...activeCall('c2', 'agent-2', '2026-03-01T10:00:00.000Z'),
      status: 'ended',
      endedAt: '2026-03-01T10:05:00.000Z',
      endReason: 'completed',
      lastSeq: 4,
      finalSegmentCount: 2,
      insights: [],
    });
    const transcriptOfC2 = await storage.archive.transcript('c2');
    expect(transcriptOfC2?.segments).toEqual([
      transcript('c2', 2, 'c2-u0', 'My password does not work').transcript,
      transcript('c2', 3, 'c2-u1', 'Let me reset your password', { speaker: 'agent' }).transcript,
    ]);
    expect(await storage.archive.getCall('nope')).toBeUndefined();
    expect(await storage.archive.transcript('nope')).toBeUndefined();
  });

  it('deletes ended calls that started before the cutoff, oldest first, at most the given number per run', async () => {
    await record('old-but-live', 'agent-1', '2026-01-01T00:00:00.000Z', ['invoice question'], true);
    const cutoff = new Date('2026-03-02T00:00:00.000Z');
    expect(await storage.deleteEndedCallsStartedBefore(cutoff, 1)).toBe(1);
    expect((await storage.archive.listCalls({ limit: 10 })).calls.map((call) => call.id)).toEqual(['old-but-live', 'c3', 'c2']);
    expect(await storage.deleteEndedCallsStartedBefore(cutoff, 1)).toBe(1);
    expect(await storage.deleteEndedCallsStartedBefore(cutoff, 1)).toBe(0);
    expect(await storage.archive.transcript('c1')).toBeUndefined();
    expect(await storage.log.eventsAfter('c2', 0)).toBeUndefined();
    expect((await storage.archive.listCalls({ limit: 10, text: 'password' })).calls).toEqual([]);
    expect((await storage.archive.listCalls({ limit: 10, text: 'refund' })).calls.map((call) => call.id)).toEqual(['c3']);
  });
});
