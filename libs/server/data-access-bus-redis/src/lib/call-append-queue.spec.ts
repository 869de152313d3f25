import { callEvent, transcriptEvent } from '../testing/call-events';
import { CallAppendQueue, pendingAppend, type PendingAppend } from './call-append-queue';

const seqs = (entries: readonly PendingAppend[]) => entries.map((entry) => entry.seq);

function filled(max: number, ...events: Parameters<typeof pendingAppend>[0][]): { queue: CallAppendQueue; dropped: PendingAppend[] } {
  const queue = new CallAppendQueue(max);
  const dropped: PendingAppend[] = [];
  for (const event of events) {
    queue.push(pendingAppend(event));
    dropped.push(...queue.trim(0));
  }
  return { queue, dropped };
}

describe('CallAppendQueue', () => {
  it('keeps every event, oldest first, while within its bound', () => {
    const { queue, dropped } = filled(3, callEvent('c', 1), transcriptEvent('c', 2, 's1', false), transcriptEvent('c', 3, 's1', true));
    expect(seqs(queue.all())).toEqual([1, 2, 3]);
    expect(dropped).toEqual([]);
  });

  it('drops the oldest superseded interim first, even when an older unsuperseded interim is queued', () => {
    const { queue, dropped } = filled(
      3,
      transcriptEvent('c', 1, 'open', false),
      transcriptEvent('c', 2, 's1', false),
      transcriptEvent('c', 3, 's1', true),
      transcriptEvent('c', 4, 's2', false),
    );
    expect(seqs(dropped)).toEqual([2]);
    expect(seqs(queue.all())).toEqual([1, 3, 4]);
  });

  it('drops the oldest interim when none is superseded, then finals and call events as a last resort', () => {
    const interimFirst = filled(2, callEvent('c', 1), transcriptEvent('c', 2, 's1', true), transcriptEvent('c', 3, 's2', false));
    expect(seqs(interimFirst.dropped)).toEqual([3]);
    const finalsOnly = filled(2, callEvent('c', 1), transcriptEvent('c', 2, 's1', true), transcriptEvent('c', 3, 's2', true));
    expect(seqs(finalsOnly.dropped)).toEqual([1]);
    expect(seqs(finalsOnly.queue.all())).toEqual([2, 3]);
  });

  it('never drops the head while its append is in flight', () => {
    const queue = new CallAppendQueue(1);
    queue.push(pendingAppend(transcriptEvent('c', 1, 's1', false)));
    queue.push(pendingAppend(transcriptEvent('c', 2, 's1', true)));
    const dropped = queue.trim(1);
    expect(seqs(dropped)).toEqual([2]);
    expect(seqs(queue.all())).toEqual([1]);
  });

  it('never drops any event of the run in flight, however long the run', () => {
    const queue = new CallAppendQueue(1);
    for (let seq = 1; seq <= 4; seq++) queue.push(pendingAppend(transcriptEvent('c', seq, `s${seq}`, false)));
    expect(seqs(queue.first(3))).toEqual([1, 2, 3]);
    const dropped = queue.trim(3);
    expect(seqs(dropped)).toEqual([4]);
    expect(seqs(queue.all())).toEqual([1, 2, 3]);
  });

  it('serialises each event once, as readers will receive it', () => {
    const event = transcriptEvent('c', 7, 's1', true);
    expect(pendingAppend(event)).toMatchObject({ callId: 'c', seq: 7, json: JSON.stringify(event) });
  });
});
