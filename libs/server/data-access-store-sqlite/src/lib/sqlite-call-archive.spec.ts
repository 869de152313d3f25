import { ArchiveQueryError } from '@tnt/server/util-call-archive';
import { join } from 'node:path';
import { activeCall, ended, started, temporaryFolder, transcript } from '../testing/call-fixtures';
import { SqliteCallStorage } from './sqlite-call-storage';

describe('SqliteCallArchive', () => {
  const folder = temporaryFolder();
  let storage: SqliteCallStorage;

  beforeEach(() => {
    folder.remove();
    // A long flush interval: searches must index what is pending themselves.
    storage = SqliteCallStorage.open({
      file: join(folder.path, 'calls.sqlite'),
      onBackgroundError: (error) => {
        throw error;
      },
      fullText: { flushIntervalMs: 60_000, batchSize: 10_000 },
    });
  });
  afterEach(() => storage.close());
  afterAll(() => folder.remove());

  /** Records a call with the given final lines; ends it unless `open`. */
  function record(id: string, agentId: string, startedAt: string, lines: string[], open = false): void {
    const call = activeCall(id, agentId, startedAt);
    storage.log.createCall(call);
    storage.log.append(started(call));
    lines.forEach((line, index) =>
      storage.log.append(transcript(id, index + 2, `${id}-u${index}`, line, { speaker: index % 2 ? 'agent' : 'caller' })),
    );
    if (!open) storage.log.append(ended(call, lines.length + 2));
  }

  beforeEach(() => {
    record('c1', 'agent-1', '2026-03-01T09:00:00.000Z', ['I want a refund for my order', 'Refunds take three days']);
    record('c2', 'agent-2', '2026-03-01T10:00:00.000Z', ['My password does not work', 'Let me reset your password']);
    record('c3', 'agent-1', '2026-03-02T09:00:00.000Z', ['Where is my delivery?', 'It was refunded & <b>shipped</b> again'], true);
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
  });

  it('pages with a cursor that new calls do not disturb', async () => {
    const first = await storage.archive.listCalls({ limit: 2 });
    expect(first.calls.map((call) => call.id)).toEqual(['c3', 'c2']);
    record('c4', 'agent-1', '2026-03-03T09:00:00.000Z', ['a newer call']);
    const second = await storage.archive.listCalls({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.calls.map((call) => call.id)).toEqual(['c1']);
    expect(second.nextCursor).toBeNull();
  });

  it('finds calls by words of their final segments, stemmed, with highlighted lines', async () => {
    const page = await storage.archive.listCalls({ limit: 10, text: 'refund' });
    expect(page.calls.map((call) => call.id)).toEqual(['c3', 'c1']);
    const [c3, c1] = page.calls;
    expect(c1.matches?.map((match) => match.highlighted)).toEqual([
      'I want a <mark>refund</mark> for my order',
      '<mark>Refunds</mark> take three days',
    ]);
    expect(c1.matches?.[1]).toMatchObject({
      seq: 3,
      segmentId: 'c1-u1',
      speaker: 'agent',
      text: 'Refunds take three days',
      highlights: [{ start: 0, end: 7 }],
    });
    expect(c3.matches?.[0].highlighted).toBe('It was <mark>refunded</mark> &amp; &lt;b&gt;shipped&lt;/b&gt; again');
  });

  it('requires every word in one segment and treats FTS5 syntax as plain words', async () => {
    const ids = async (text: string) => (await storage.archive.listCalls({ limit: 10, text })).calls.map((call) => call.id);
    expect(await ids('reset password')).toEqual(['c2']);
    expect(await ids('password refund')).toEqual([]);
    expect(await ids('"password" OR NEAR(')).toEqual([]);
    expect(await ids('password*')).toEqual(['c2']);
  });

  it('finds a call by its formatted text and by the raw engine words, showing the formatted text', async () => {
    const call = activeCall('c6', 'agent-3', '2026-03-05T09:00:00.000Z');
    storage.log.createCall(call);
    storage.log.append(started(call));
    const raw = 'i paid twenty nine dollars on the fourth of march';
    storage.log.append(transcript('c6', 2, 'c6-u0', 'I paid $29 on March 4th.', { raw }));
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
    expect(storage.checkIntegrity()).toEqual([]);
  });

  it('searches segments stored a moment ago, before the background indexing', async () => {
    record('c5', 'agent-3', '2026-03-04T09:00:00.000Z', ['a brand new complaint'], true);
    expect(storage.unindexedSegmentCount).toBeGreaterThan(0);
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
    storage.log.append({ type: 'insight', callId: 'c3', seq: 4, insight: alert });
    storage.log.append({ type: 'insight', callId: 'c3', seq: 5, insight: metrics });
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
    expect(await storage.archive.getCall('c2')).toMatchObject({
      id: 'c2',
      agentId: 'agent-2',
      endReason: 'completed',
      finalSegmentCount: 2,
    });
    const transcriptOfC2 = await storage.archive.transcript('c2');
    expect(transcriptOfC2?.segments.map((segment) => [segment.speaker, segment.text])).toEqual([
      ['caller', 'My password does not work'],
      ['agent', 'Let me reset your password'],
    ]);
    expect(await storage.archive.getCall('nope')).toBeUndefined();
    expect(await storage.archive.transcript('nope')).toBeUndefined();
  });
});
