import { isDeepStrictEqual } from 'node:util';
import type { CallEventMessage } from '@tnt/protocol';
import { LogUnreachable } from '@tnt/server/util-cluster';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { StoreUnavailable } from './call-session-errors';
import { CallSessionService, type CallLossReason } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import type { SessionTimers } from './store-outage';
import { finalSegment, RecordingSubscriber, subscribeLive, transcriptSegment } from '../testing';

/** Timers that fire only when the test advances them. */
class ManualTimers implements SessionTimers {
  private readonly due = new Map<number, () => void>();
  private next = 1;
  setTimeout(callback: () => void, _ms: number): unknown {
    this.due.set(this.next, callback);
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Runs every timer set so far. */
  fire(): void {
    const callbacks = [...this.due.values()];
    this.due.clear();
    for (const callback of callbacks) callback();
  }
}

/**
 * A memory store that, while `outage` is set, cannot be reached for finals and call events as
 * PostgreSQL cannot: `not-sent` refuses them untouched, `in-doubt` keeps them but loses the answer.
 * Like the PostgreSQL log it takes an exact retry of a kept event as a no-op, and keeps no interim.
 */
class UnreachableStore extends MemoryCallEventStore {
  outage: 'not-sent' | 'in-doubt' | undefined;
  lookupsFail = false;

  override async append(event: CallEventMessage): Promise<void> {
    const durable = event.type !== 'transcript' || event.transcript.isFinal;
    if (durable && this.outage === 'not-sent') throw new LogUnreachable('connect ECONNREFUSED', false, { cause: undefined });
    const held = this.eventsSinceNow(event.type === 'call' ? event.call.id : event.callId, event.seq - 1)?.[0];
    if (held && isDeepStrictEqual(held, event)) return;
    await super.append(event);
    if (durable && this.outage === 'in-doubt') throw new LogUnreachable('Connection terminated unexpectedly', true, { cause: undefined });
  }

  override getCall(callId: string) {
    return this.outage && this.lookupsFail ? Promise.reject(new Error('connect ECONNREFUSED')) : super.getCall(callId);
  }
}

const settled = () => new Promise((resolve) => setImmediate(resolve));
const seqsAndIds = (events: CallEventMessage[]) =>
  events.map((event) =>
    event.type === 'call'
      ? [event.seq, event.event]
      : event.type === 'insight'
        ? [event.seq, event.insight.kind]
        : [event.seq, event.transcript.id, event.transcript.isFinal],
  );

describe('CallSessionService while the call store cannot be reached', () => {
  let store: UnreachableStore;
  let timers: ManualTimers;
  let metrics: PrometheusMetrics;
  let service: CallSessionService;
  let watcher: RecordingSubscriber;

  const open = async (backlogPerCall = 100) => {
    store = new UnreachableStore(100);
    timers = new ManualTimers();
    metrics = new PrometheusMetrics();
    const config = { ...loadConfig({}), historySize: 100, endedCallRetentionMs: 60_000, storeBacklogPerCall: backlogPerCall };
    service = new CallSessionService(store, new LocalCallEventBus(), config, metrics, { initialDelayMs: 100, maxDelayMs: 1000, timers });
    watcher = new RecordingSubscriber('watcher');
    await subscribeLive(service, watcher, '*');
  };
  afterEach(() => service.onModuleDestroy());

  it('keeps a final waiting, sends the interims after it, and stores and sends the final once the store answers', async () => {
    await open();
    const call = await service.startCall({ id: 'CA-down', agentId: 'a1' });
    store.outage = 'not-sent';
    store.lookupsFail = true;

    await service.publishTranscript(call.id, finalSegment('first'));
    await service.publishTranscript(call.id, transcriptSegment('second', { isFinal: false }));
    await settled();
    expect(seqsAndIds(watcher.received)).toEqual([
      [1, 'started'],
      [2, 'second', false],
    ]);
    expect(service.storeOutage.reachable).toBe(false);
    expect(service.waitingEventCount).toBe(1);
    await expect(service.startCall({ id: 'CA-new', agentId: 'a1' })).rejects.toBeInstanceOf(StoreUnavailable);

    timers.fire();
    await settled();
    expect(service.waitingEventCount).toBe(1);

    store.outage = undefined;
    timers.fire();
    await settled();
    await service.publishTranscript(call.id, transcriptSegment('second', { isFinal: true }));
    await service.endCall(call.id, 'completed');
    expect(seqsAndIds(watcher.received)).toEqual([
      [1, 'started'],
      [2, 'second', false],
      [3, 'first', true],
      [4, 'second', true],
      [5, 'ended'],
    ]);
    expect(service.storeOutage.reachable).toBe(true);
    expect(service.waitingEventCount).toBe(0);
    const text = await metrics.render();
    expect(text).toContain('tnt_store_outages_total 1');
    expect(text).toContain('tnt_store_write_retries_total 2');
  });

  it('retries a final whose commit is in doubt with the same seq, withholding the interims until then, so nothing is doubled', async () => {
    await open();
    const call = await service.startCall({ id: 'CA-doubt', agentId: 'a1' });
    store.outage = 'in-doubt';

    await service.publishTranscript(call.id, finalSegment('kept-unanswered'));
    await service.publishTranscript(call.id, transcriptSegment('next', { isFinal: false }));
    await settled();
    expect(seqsAndIds(watcher.received)).toEqual([[1, 'started']]);

    store.outage = undefined;
    timers.fire();
    await settled();
    await service.publishTranscript(call.id, transcriptSegment('next', { isFinal: false }));
    expect(seqsAndIds(watcher.received)).toEqual([
      [1, 'started'],
      [2, 'kept-unanswered', true],
      [3, 'next', false],
    ]);
    expect(store.eventsSinceNow(call.id, 0)?.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(await metrics.render()).toContain('tnt_store_interims_withheld_total 1');
  });

  it('ends a call as store-unavailable, once, when more of its events wait than TNT_STORE_BACKLOG_PER_CALL', async () => {
    await open(2);
    const call = await service.startCall({ id: 'CA-full', agentId: 'a1' });
    const lost: [string, CallLossReason][] = [];
    service.onCallLost((callId, reason) => lost.push([callId, reason]));
    store.outage = 'not-sent';

    for (const id of ['a', 'b']) await service.publishTranscript(call.id, finalSegment(id));
    await expect(service.publishTranscript(call.id, finalSegment('c'))).rejects.toBeInstanceOf(StoreUnavailable);
    await settled();
    expect(lost).toEqual([['CA-full', 'store-unavailable']]);
    await expect(service.publishTranscript(call.id, finalSegment('d'))).rejects.toThrow('has already ended');

    store.outage = undefined;
    timers.fire();
    await settled();
    expect(seqsAndIds(watcher.received)).toEqual([
      [1, 'started'],
      [2, 'a', true],
      [3, 'b', true],
      [4, 'ended'],
    ]);
    expect(watcher.received[3]).toMatchObject({ call: { status: 'ended', endReason: 'store-unavailable' } });
    expect(await metrics.render()).toContain('tnt_store_backlog_overflows_total 1');
  });

  it('answers not ready from a failed lookup until a later lookup succeeds', async () => {
    await open();
    store.outage = 'not-sent';
    store.lookupsFail = true;
    service.probeStore();
    await settled();
    expect(service.storeOutage.reachable).toBe(false);
    store.outage = undefined;
    service.probeStore();
    await settled();
    expect(service.storeOutage.reachable).toBe(true);
  });
});
