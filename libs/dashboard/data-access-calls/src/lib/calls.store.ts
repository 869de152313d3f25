import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ALL_CALLS, ERROR_CODES } from '@tnt/protocol';
import { TranscriptSocketService, type ReleaseWatch } from '@tnt/dashboard/data-access-socket';
import { isLiveCall, type CallState } from '@tnt/dashboard/util-model';
import {
  applyCallInfo,
  applyHeldCalls,
  applyInsight,
  applySnapshot,
  applyTranscript,
  endTime,
  markNotHeld,
  pruneEndedCalls,
  type CallRecords,
} from './call-records';

/** How many ended calls the store keeps (with their transcripts) for the "recently ended" list. */
export const ENDED_CALLS_KEPT = 30;

/**
 * Every call the dashboard has heard of and its transcript, as signals. It turns the socket's
 * event streams into state; views say what they follow (`followAllCalls`, `followCall`) and
 * read the signals.
 */
@Injectable({ providedIn: 'root' })
export class CallsStore {
  private readonly socket = inject(TranscriptSocketService);
  private readonly records = signal<CallRecords>(new Map());
  private readonly notFoundIds = signal<ReadonlySet<string>>(new Set());
  private readonly callListLoadedSignal = signal(false);
  /** How many views follow each call directly; followed calls are never pruned. */
  private readonly followers = new Map<string, number>();

  /** Every known call, newest start first. */
  readonly calls: Signal<readonly CallState[]> = computed(() =>
    [...this.records().values()].sort((left, right) => Date.parse(right.info.startedAt) - Date.parse(left.info.startedAt)),
  );
  /** Calls going on now, newest first. */
  readonly liveCalls = computed(() => this.calls().filter(isLiveCall));
  /** True once the server has listed the calls it holds (the answer to following every call). */
  readonly callListLoaded = this.callListLoadedSignal.asReadonly();
  /** Calls that ended (or the server no longer holds), most recently ended first. */
  readonly endedCalls = computed(() =>
    this.calls()
      .filter((call) => !isLiveCall(call))
      .sort((left, right) => endTime(right) - endTime(left)),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    const update = (change: (records: CallRecords) => CallRecords) => this.records.update(change);
    this.socket.callEvents$.pipe(takeUntilDestroyed(destroyRef)).subscribe((message) => {
      update((records) => applyCallInfo(records, message.call));
      if (message.event === 'ended') this.pruneEnded();
    });
    this.socket.transcripts$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((message) => update((records) => applyTranscript(records, message)));
    this.socket.insights$.pipe(takeUntilDestroyed(destroyRef)).subscribe((message) => update((records) => applyInsight(records, message)));
    this.socket.snapshots$
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((message) => update((records) => applySnapshot(records, message)));
    this.socket.subscriptions$.pipe(takeUntilDestroyed(destroyRef)).subscribe((message) => {
      if (message.callId !== ALL_CALLS || !message.calls) return;
      const held = message.calls;
      update((records) => applyHeldCalls(records, held));
      this.callListLoadedSignal.set(true);
    });
    this.socket.errors$.pipe(takeUntilDestroyed(destroyRef)).subscribe((error) => {
      if (error.code === ERROR_CODES.CALL_NOT_FOUND && error.callId) {
        const callId = error.callId;
        update((records) => markNotHeld(records, callId));
        this.notFoundIds.update((ids) => new Set(ids).add(callId));
      }
    });
  }

  /** One call, or `undefined` while it is not known; reactive inside templates, computed and effects. */
  call(callId: string): CallState | undefined {
    return this.records().get(callId);
  }

  /** True once the server answered that it does not hold this call; reactive. */
  isUnknownToServer(callId: string): boolean {
    return this.notFoundIds().has(callId);
  }

  /** The agent's live call (the newest if several), or `undefined` between calls; reactive. */
  liveCallOfAgent(agentId: string): CallState | undefined {
    return this.liveCalls().find((call) => call.info.agentId === agentId);
  }

  /** The agent's most recently ended call, if any; reactive. */
  lastEndedCallOfAgent(agentId: string): CallState | undefined {
    return this.endedCalls().find((call) => call.info.agentId === agentId);
  }

  /** Receives every call's events until the returned function is called. */
  followAllCalls(): ReleaseWatch {
    return this.socket.watchAllCalls();
  }

  /** Receives one call's events (gap-free across reconnects) until the returned function is called. */
  followCall(callId: string): ReleaseWatch {
    this.notFoundIds.update((ids) => {
      if (!ids.has(callId)) return ids;
      const next = new Set(ids);
      next.delete(callId);
      return next;
    });
    this.followers.set(callId, (this.followers.get(callId) ?? 0) + 1);
    const release = this.socket.watchCall(callId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.followers.get(callId) ?? 1) - 1;
      if (left > 0) this.followers.set(callId, left);
      else this.followers.delete(callId);
      release();
    };
  }

  private pruneEnded(): void {
    const { records, dropped } = pruneEndedCalls(this.records(), ENDED_CALLS_KEPT, (callId) => this.followers.has(callId));
    if (dropped.length === 0) return;
    this.records.set(records);
    for (const callId of dropped) this.socket.forgetCall(callId);
  }
}
