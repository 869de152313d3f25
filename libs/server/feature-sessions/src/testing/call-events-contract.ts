import { callIdOf, type CallEventMessage, type SnapshotMessage } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import type { CallEventBus } from '../lib/call-event-bus';
import type { CallEventStore } from '../lib/call-event-store';
import { CallConflict } from '../lib/call-session-errors';
import { CallSessionService } from '../lib/call-session.service';
import { RecordingSubscriber } from './recording-subscriber';
import { alertInsight, transcriptSegment } from './segments';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** A store and bus to run the contract on, opened fresh for each test. */
export interface CallEventsUnderTest {
  readonly store: CallEventStore;
  readonly bus: CallEventBus;
  /** Runs what must run once the session service listens (a cluster's stream reader). */
  start?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The contract every store + bus pair keeps, run through the session service as the server uses
 * them: memory + local bus, SQLite + local bus, and PostgreSQL + Redis Streams each run it.
 */
export function describeCallEventsContract(name: string, open: () => Promise<CallEventsUnderTest>): void {
  describe(`${name}: the call-events contract`, () => {
    let adapters: CallEventsUnderTest;
    let sessions: CallSessionService;

    beforeEach(async () => {
      adapters = await open();
      const config = { ...loadConfig({}), historySize: 1_000, endedCallRetentionMs: 60_000 };
      sessions = new CallSessionService(adapters.store, adapters.bus, config, new PrometheusMetrics());
      await adapters.start?.();
    });
    afterEach(async () => {
      sessions.onModuleDestroy();
      await adapters.close();
    });

    /** A call of a final, two interims and two finals, ended: seqs 1 (started) to 6 (ended). */
    async function playCall(id: string): Promise<void> {
      await sessions.startCall({ id, agentId: 'agent-1' });
      await sessions.publishTranscript(id, transcriptSegment('s1'));
      await sessions.publishTranscript(id, transcriptSegment('s2', { isFinal: false, text: 'wor' }));
      await sessions.publishTranscript(id, transcriptSegment('s2', { isFinal: false, text: 'words of' }));
      await sessions.publishTranscript(id, transcriptSegment('s2'));
      await sessions.endCall(id, 'completed');
    }

    function seqsOf(events: readonly CallEventMessage[], callId: string): number[] {
      return events.filter((event) => callIdOf(event) === callId).map((event) => event.seq);
    }

    it('numbers each call from 1 and delivers every event once, in order, to a subscriber of every call', async () => {
      const watcher = new RecordingSubscriber('watcher');
      (await sessions.subscribe(watcher, '*')).goLive();
      await Promise.all([playCall('contract-a'), playCall('contract-b')]);
      await eventually(() => watcher.received.length >= 12, 'both calls delivered', { timeoutMs: 2_000 }).catch((error: Error) => {
        throw new Error(`${error.message}: got ${JSON.stringify(watcher.received.map((event) => [callIdOf(event), event.seq]))}`);
      });
      expect(seqsOf(watcher.received, 'contract-a')).toEqual([1, 2, 3, 4, 5, 6]);
      expect(seqsOf(watcher.received, 'contract-b')).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('replays after since every final and call event the subscriber missed, in seq order', async () => {
      await playCall('contract-replay');
      await eventually(() => sessions.activeCallIds().length === 0, 'the call ended everywhere');
      const start = await sessions.subscribe(new RecordingSubscriber('late'), 'contract-replay', 1);
      start.goLive();
      expect(start.acknowledgement).toMatchObject({ type: 'subscribed', recovered: true });
      const replayed = start.catchUp as CallEventMessage[];
      const seqs = replayed.map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((left, right) => left - right));
      expect(new Set(seqs).size).toBe(seqs.length);
      // Interims may be skipped by a store that keeps finals only; finals and call events may not.
      expect(replayed.filter((event) => event.type !== 'transcript' || event.transcript.isFinal).map((event) => event.seq)).toEqual([
        2, 5, 6,
      ]);
    });

    it('answers a snapshot holding every final segment in order and the call as it ended', async () => {
      await playCall('contract-snapshot');
      const start = await sessions.subscribe(new RecordingSubscriber('board'), 'contract-snapshot');
      start.goLive();
      const snapshot = start.catchUp[0] as SnapshotMessage;
      expect(snapshot.type).toBe('snapshot');
      expect(snapshot.call).toMatchObject({ id: 'contract-snapshot', status: 'ended', endReason: 'completed' });
      expect(snapshot.transcript.filter((segment) => segment.isFinal).map((segment) => segment.id)).toEqual(['s1', 's2']);
      expect(await sessions.getCall('contract-snapshot')).toMatchObject({ status: 'ended' });
    });

    it('numbers insights in the call seq, delivers them in order, replays them after since and keeps them in the snapshot', async () => {
      const id = 'contract-insights';
      const watcher = new RecordingSubscriber('watcher');
      (await sessions.subscribe(watcher, '*')).goLive();
      await sessions.startCall({ id, agentId: 'agent-1' });
      await sessions.publishTranscript(id, transcriptSegment('s1'));
      await sessions.publishInsight(id, alertInsight('cancellation', 's1'));
      await sessions.publishTranscript(id, transcriptSegment('s2'));
      await sessions.publishInsight(id, alertInsight('escalation', 's2'));
      await sessions.endCall(id, 'completed');
      await eventually(() => watcher.received.filter((event) => callIdOf(event) === id).length >= 6, 'the call delivered');
      const delivered = watcher.received.filter((event) => callIdOf(event) === id);
      expect(delivered.map((event) => `${event.seq}:${event.type}`)).toEqual([
        '1:call',
        '2:transcript',
        '3:insight',
        '4:transcript',
        '5:insight',
        '6:call',
      ]);
      const replay = await sessions.subscribe(new RecordingSubscriber('late'), id, 2);
      replay.goLive();
      expect(replay.acknowledgement).toMatchObject({ recovered: true });
      expect((replay.catchUp as CallEventMessage[]).map((event) => `${event.seq}:${event.type}`)).toEqual([
        '3:insight',
        '4:transcript',
        '5:insight',
        '6:call',
      ]);
      expect((replay.catchUp as CallEventMessage[])[0]).toEqual({
        type: 'insight',
        callId: id,
        seq: 3,
        insight: alertInsight('cancellation', 's1'),
      });
      const board = await sessions.subscribe(new RecordingSubscriber('board'), id);
      board.goLive();
      const snapshot = board.catchUp[0] as SnapshotMessage;
      expect(snapshot.insights).toEqual([alertInsight('cancellation', 's1'), alertInsight('escalation', 's2')]);
    });

    it("keeps the conversation's language a call started with and the one an update names, and none when not given", async () => {
      const id = 'contract-language';
      await sessions.startCall({ id, agentId: 'agent-1', from: '+15550100', language: 'es-ES' });
      expect(await sessions.getCall(id)).toMatchObject({ id, from: '+15550100', language: 'es-ES' });
      await sessions.updateCall(id, { language: 'ca-ES' });
      await sessions.endCall(id, 'completed');
      const board = await sessions.subscribe(new RecordingSubscriber('board'), id);
      board.goLive();
      expect((board.catchUp[0] as SnapshotMessage).call).toMatchObject({ status: 'ended', from: '+15550100', language: 'ca-ES' });
      const replay = await sessions.subscribe(new RecordingSubscriber('late'), id, 0);
      replay.goLive();
      const callEvents = (replay.catchUp as CallEventMessage[]).flatMap((event) =>
        event.type === 'call' ? [`${event.event}:${event.call.language}`] : [],
      );
      expect(callEvents).toEqual(['started:es-ES', 'updated:ca-ES', 'ended:ca-ES']);

      await sessions.startCall({ id: 'contract-no-language', agentId: 'agent-1' });
      expect(await sessions.getCall('contract-no-language')).not.toHaveProperty('language');
    });

    it('refuses an insight for a call that has ended', async () => {
      await sessions.startCall({ id: 'contract-insight-late', agentId: 'agent-1' });
      await sessions.endCall('contract-insight-late', 'completed');
      await expect(sessions.publishInsight('contract-insight-late', alertInsight('late'))).rejects.toThrow(/ended/);
    });

    it('refuses to start a call whose id is live here or already stored', async () => {
      await sessions.startCall({ id: 'contract-twice', agentId: 'agent-1' });
      await expect(sessions.startCall({ id: 'contract-twice', agentId: 'agent-1' })).rejects.toThrow(CallConflict);
      await sessions.endCall('contract-twice', 'completed');
      await expect(sessions.startCall({ id: 'contract-twice', agentId: 'agent-1' })).rejects.toThrow(CallConflict);
    });

    it('loses and doubles nothing for subscribers that join while the call is being written', async () => {
      await sessions.startCall({ id: 'contract-busy', agentId: 'agent-1' });
      const writing = (async () => {
        for (let index = 0; index < 60; index++) await sessions.publishTranscript('contract-busy', transcriptSegment(`f${index}`));
        await sessions.endCall('contract-busy', 'completed');
      })();
      const joiners = await Promise.all(
        [0, 1, 2, 3, 4].map(async (number) => {
          for (let turn = 0; turn < number * 3; turn++) await new Promise((next) => setImmediate(next));
          const joiner = new RecordingSubscriber(`joiner-${number}`);
          const start = await sessions.subscribe(joiner, 'contract-busy', 0);
          const caughtUp = start.catchUp as CallEventMessage[];
          start.goLive();
          return { joiner, caughtUp };
        }),
      );
      await writing;
      for (const { joiner, caughtUp } of joiners) {
        await eventually(
          () => joiner.received.some((event) => event.type === 'call' && event.event === 'ended') || caughtUp.at(-1)?.seq === 62,
          'the end',
        );
        expect([...caughtUp, ...joiner.received].map((event) => event.seq)).toEqual(Array.from({ length: 62 }, (_, index) => index + 1));
      }
    });
  });
}
