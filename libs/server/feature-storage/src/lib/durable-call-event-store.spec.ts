import type { CallEventMessage, CallInfo, TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { SqliteCallStorage } from '@tnt/server/data-access-store-sqlite';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, subscribeLive, transcriptSegment } from '@tnt/server/feature-sessions/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableCallEventStore } from './durable-call-event-store';

/** A recording subscriber that also hands each event to `onDeliver` the moment it arrives. */
class WatchingSubscriber extends RecordingSubscriber {
  constructor(
    id: string,
    private readonly onDeliver: (event: CallEventMessage) => void,
  ) {
    super(id);
  }
  override deliver(json: string, event: CallEventMessage): void {
    this.onDeliver(event);
    super.deliver(json);
  }
}

function segment(id: string, isFinal: boolean, text: string): TranscriptSegment {
  return transcriptSegment(id, { text, speaker: 'caller', confidence: 0.9, isFinal, endMs: 500 });
}

/** Speaks `count` utterances, each as an interim then its final. */
async function speak(service: CallSessionService, callId: string, count: number, from = 0): Promise<void> {
  for (let index = from; index < from + count; index++) {
    await service.publishTranscript(callId, segment(`u${index}`, false, `utterance`));
    await service.publishTranscript(callId, segment(`u${index}`, true, `utterance number ${index}`));
  }
}

const finals = (events: CallEventMessage[]) =>
  events.filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal);

describe('DurableCallEventStore behind the call session service', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tnt-durable-'));
  const file = join(folder, 'tnt.sqlite');
  let sqlite: SqliteCallStorage;
  let service: CallSessionService;
  let store: DurableCallEventStore;

  /** The gateway's composition: a memory ring of `historySize` in front of the SQLite log. */
  function start(historySize: number): void {
    sqlite = SqliteCallStorage.open({
      file,
      onBackgroundError: (error) => {
        throw error;
      },
    });
    store = new DurableCallEventStore(new MemoryCallEventStore(historySize), sqlite.log);
    const config = { ...loadConfig({}), historySize, endedCallRetentionMs: 60_000 };
    service = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
  }

  function stop(): void {
    service.onModuleDestroy();
    sqlite.close();
  }

  beforeEach(() => rmSync(file, { force: true }));
  afterEach(() => stop());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('has committed every event before any subscriber receives it', async () => {
    start(100);
    const unstored: number[] = [];
    const watcher = new WatchingSubscriber('watcher', (event) => {
      const callId = event.type === 'call' ? event.call.id : event.callId;
      if (event.type === 'transcript' && !event.transcript.isFinal) return;
      if (!sqlite.log.eventsAfter(callId, event.seq - 1)?.some((stored) => stored.seq === event.seq)) unstored.push(event.seq);
    });
    await subscribeLive(service, watcher, '*');
    const call = await service.startCall({ agentId: 'a1' });
    await speak(service, call.id, 5);
    await service.endCall(call.id, 'completed');
    expect(watcher.received).toHaveLength(12);
    expect(unstored).toEqual([]);
  });

  it('replays from memory while the ring holds the gap, and from disk once it does not', async () => {
    start(4);
    const call = await service.startCall({ agentId: 'a1' });
    await speak(service, call.id, 10);
    const live = new RecordingSubscriber('live');
    const fromMemory = await subscribeLive(service, live, call.id, 18);
    expect(fromMemory.acknowledgement).toMatchObject({ recovered: true, lastSeq: 21 });
    expect(fromMemory.catchUp.map((event) => event.seq)).toEqual([19, 20, 21]);

    const late = new RecordingSubscriber('late');
    const fromDisk = await subscribeLive(service, late, call.id, 2);
    expect(fromDisk.acknowledgement).toMatchObject({ recovered: true, lastSeq: 21 });
    // Disk keeps finals and call events: the interims' seqs (4, 6, … 20) are skipped.
    expect(fromDisk.catchUp.map((event) => event.seq)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(finals(fromDisk.catchUp as CallEventMessage[]).map((event) => event.transcript.text)).toEqual(
      Array.from({ length: 10 }, (_, index) => `utterance number ${index}`),
    );
    await speak(service, call.id, 1, 10);
    expect(late.received.map((event) => event.seq)).toEqual([22, 23]);
  });

  it("recovers each call of a '*' subscription from memory or from disk, as one call's since does", async () => {
    start(4);
    const inRing = await service.startCall({ id: 'CA-ring', agentId: 'a1' });
    const onDisk = await service.startCall({ id: 'CA-disk', agentId: 'a1' });
    await speak(service, inRing.id, 1);
    await speak(service, onDisk.id, 5);
    const back = new RecordingSubscriber('back');
    const recovery = await subscribeLive(service, back, '*', { [inRing.id]: 1, [onDisk.id]: 1 });
    expect(recovery.acknowledgement.recoveredCalls).toEqual({ [inRing.id]: true, [onDisk.id]: true });
    const seqsOf = (callId: string) =>
      (recovery.catchUp as CallEventMessage[])
        .filter((event) => (event.type === 'call' ? event.call.id : event.callId) === callId)
        .map((event) => event.seq);
    expect(seqsOf(inRing.id)).toEqual([2, 3]);
    // The ring of 4 holds seqs 8–11 of the other call; disk holds its finals 3, 5, … 11.
    expect(seqsOf(onDisk.id)).toEqual([3, 5, 7, 9, 11]);
  });

  it('after a restart, serves a call from disk: since replays with no gap and no duplicate, the open call interrupted', async () => {
    start(1000);
    const witness = new RecordingSubscriber('witness');
    await subscribeLive(service, witness, '*');
    const call = await service.startCall({ id: 'CA-restart', agentId: 'a1' });
    await speak(service, call.id, 6);
    const lastSeen = 7;
    // The process dies without ending the call; the next one opens the same file.
    stop();
    start(1000);

    const back = new RecordingSubscriber('back');
    const resumed = await subscribeLive(service, back, call.id, lastSeen);
    expect(resumed.acknowledgement).toMatchObject({ recovered: true, lastSeq: 14 });
    const replayed = resumed.catchUp as CallEventMessage[];
    const seqs = replayed.map((event) => event.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(finals(replayed)).toEqual(finals(witness.received).filter((event) => event.seq > lastSeen));
    expect(replayed[replayed.length - 1]).toMatchObject({
      type: 'call',
      event: 'ended',
      seq: 14,
      call: { status: 'ended', endReason: 'interrupted' },
    });
    expect(await service.getCall(call.id)).toMatchObject({ status: 'ended', endReason: 'interrupted', lastSeq: 14 });
    expect(await service.listCalls()).toEqual([]);
  });

  it('snapshots an evicted call from disk with every final', async () => {
    start(1000);
    const call: CallInfo = await service.startCall({ agentId: 'a1' });
    await speak(service, call.id, 3);
    await service.endCall(call.id, 'caller-hangup');
    store.evict(call.id);
    const later = await service.subscribe(new RecordingSubscriber('later'), call.id);
    expect(later.catchUp[0]).toMatchObject({ type: 'snapshot', seq: 8, call: { status: 'ended', endReason: 'caller-hangup' } });
    expect((later.catchUp[0] as { transcript: TranscriptSegment[] }).transcript.map((part) => part.id)).toEqual(['u0', 'u1', 'u2']);
  });

  it('refuses a new call with the id of a stored one, even after a restart', async () => {
    start(1000);
    const call = await service.startCall({ id: 'CA-same', agentId: 'a1' });
    await service.endCall(call.id, 'completed');
    stop();
    start(1000);
    await expect(service.startCall({ id: 'CA-same', agentId: 'a1' })).rejects.toThrow(/already exists/);
  });
});
