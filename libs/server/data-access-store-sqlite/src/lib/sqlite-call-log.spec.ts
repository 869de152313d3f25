import type { CallEventMessage } from '@tnt/protocol';
import { join } from 'node:path';
import { activeCall, ended, finalsOf, started, temporaryFolder, transcript } from '../testing/call-fixtures';
import { SqliteCallStorage } from './sqlite-call-storage';

describe('SqliteCallLog', () => {
  const folder = temporaryFolder();
  const file = join(folder.path, 'calls.sqlite');
  const failures: unknown[] = [];
  const open = () => SqliteCallStorage.open({ file, onBackgroundError: (error) => failures.push(error) });
  let storage: SqliteCallStorage;

  beforeEach(() => {
    folder.remove();
    storage = open();
  });
  afterEach(() => {
    storage.close();
    expect(failures).toEqual([]);
  });
  afterAll(() => folder.remove());

  /** A call with an interim before each final, like a speech engine produces. */
  function recordConversation(callId: string): CallEventMessage[] {
    const call = activeCall(callId);
    const events: CallEventMessage[] = [
      started(call),
      transcript(callId, 2, 'u1', 'I have a', { isFinal: false }),
      transcript(callId, 3, 'u1', 'I have a question about my bill'),
      transcript(callId, 4, 'u2', 'sure', { isFinal: false, speaker: 'agent' }),
      transcript(callId, 5, 'u2', 'Sure, what is the question?', { speaker: 'agent', annotations: { sentiment: 0.4, redacted: false } }),
      { type: 'call', event: 'updated', seq: 6, call: { ...call, agentId: 'agent-7' } },
      transcript(callId, 7, 'u3', 'why was I charged twice', { isFinal: false }),
    ];
    storage.log.createCall(call);
    for (const event of events) storage.log.append(event);
    return events;
  }

  it('replays call events and final segments after since, skipping the seqs of interims', () => {
    const events = recordConversation('call-1');
    const replay = storage.log.eventsAfter('call-1', 0);
    expect(replay?.map((event) => event.seq)).toEqual([1, 3, 5, 6]);
    expect(replay).toEqual(events.filter((event) => event.type !== 'transcript' || event.transcript.isFinal));
    expect(storage.log.eventsAfter('call-1', 3)?.map((event) => event.seq)).toEqual([5, 6]);
    expect(storage.log.eventsAfter('call-1', 7)).toEqual([]);
  });

  it('cannot replay from a since ahead of the call, before 0, or of an unknown call', () => {
    recordConversation('call-1');
    expect(storage.log.eventsAfter('call-1', 8)).toBeUndefined();
    expect(storage.log.eventsAfter('call-1', -1)).toBeUndefined();
    expect(storage.log.eventsAfter('nobody', 0)).toBeUndefined();
  });

  it('refuses an event whose seq does not follow, and stores nothing of it', () => {
    recordConversation('call-1');
    expect(() => storage.log.append(transcript('call-1', 9, 'u4', 'skipped ahead'))).toThrow('call call-1: event seq 9 does not follow 7');
    expect(storage.log.getCall('call-1')?.lastSeq).toBe(7);
    expect(finalsOf(storage.log.eventsAfter('call-1', 0) ?? [])).toHaveLength(2);
  });

  it('refuses a second call with the same id and events of unknown or ended calls', () => {
    const call = activeCall('call-1');
    storage.log.createCall(call);
    storage.log.append(started(call));
    expect(() => storage.log.createCall(call)).toThrow('call call-1 is already stored');
    expect(() => storage.log.append(transcript('ghost', 1, 'u1', 'boo'))).toThrow('call ghost is not stored');
    storage.log.append(ended(call, 2));
    expect(() => storage.log.append(transcript('call-1', 3, 'u1', 'too late'))).toThrow('call call-1 has already ended');
  });

  it('keeps calls, events and finals exactly across a reopen', () => {
    const events = recordConversation('call-1');
    events.push(ended(activeCall('call-1', 'agent-7'), 8));
    storage.log.append(events[events.length - 1]);
    const before = storage.log.snapshot('call-1');
    storage.close();
    storage = open();
    expect(storage.log.snapshot('call-1')?.transcript).toEqual(before?.transcript);
    expect(storage.log.eventsAfter('call-1', 2)).toEqual(
      events.filter((event) => event.seq > 2 && (event.type !== 'transcript' || event.transcript.isFinal)),
    );
  });

  it("keeps the conversation's language from the start and each call event, across a reopen, and none when not named", () => {
    const call = { ...activeCall('call-es'), language: 'es-ES' };
    storage.log.createCall(call);
    storage.log.append(started(call));
    expect(storage.log.getCall('call-es')).toEqual({ ...call, lastSeq: 1 });
    storage.log.append({ type: 'call', event: 'updated', seq: 2, call: { ...call, language: 'ca-ES' } });
    storage.close();
    // The reopen ends the call left active as interrupted; that end keeps the language too.
    storage = open();
    expect(storage.log.getCall('call-es')).toMatchObject({ language: 'ca-ES', from: '+15550100', endReason: 'interrupted', lastSeq: 3 });
    expect(storage.log.eventsAfter('call-es', 2)).toMatchObject([{ event: 'ended', call: { language: 'ca-ES' } }]);

    storage.log.createCall(activeCall('call-unnamed'));
    expect(storage.log.getCall('call-unnamed')).not.toHaveProperty('language');
  });

  it('snapshots the call with lastSeq and every final in order', () => {
    recordConversation('call-1');
    const snapshot = storage.log.snapshot('call-1');
    expect(snapshot).toMatchObject({
      type: 'snapshot',
      callId: 'call-1',
      seq: 7,
      call: { id: 'call-1', agentId: 'agent-7', status: 'active', lastSeq: 7 },
    });
    expect(snapshot?.transcript.map((segment) => segment.text)).toEqual(['I have a question about my bill', 'Sure, what is the question?']);
    expect(storage.log.snapshot('nobody')).toBeUndefined();
  });

  it('ends calls left open by a killed process as interrupted, numbered after the last interim', () => {
    recordConversation('call-1');
    const finished = activeCall('call-2');
    storage.log.createCall(finished);
    storage.log.append(started(finished));
    storage.log.append(ended(finished, 2));
    storage.close();

    storage = open();
    expect(storage.opening.interruptedCalls.map((call) => call.id)).toEqual(['call-1']);
    const replay = storage.log.eventsAfter('call-1', 7);
    expect(replay).toHaveLength(1);
    expect(replay?.[0]).toMatchObject({
      type: 'call',
      event: 'ended',
      seq: 8,
      call: { id: 'call-1', status: 'ended', endReason: 'interrupted' },
    });
    expect(storage.log.getCall('call-1')).toMatchObject({ status: 'ended', endReason: 'interrupted', lastSeq: 8 });
    expect(storage.log.getCall('call-2')).toMatchObject({ status: 'ended', endReason: 'completed', lastSeq: 2 });

    storage.close();
    storage = open();
    expect(storage.opening.interruptedCalls).toEqual([]);
  });
});
