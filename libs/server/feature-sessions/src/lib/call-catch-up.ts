import { ALL_CALLS, type AllCallsPositions, type CallEventMessage, type SnapshotMessage, type SubscribedMessage } from '@tnt/protocol';
import type { CallEventStore } from './call-event-store';
import { callNotFound } from './call-session-errors';
import type { EventSubscriber } from './event-subscriber';

/** What brings a subscriber level with one call, to be sent before that call's live events. */
export interface CallCatchUp {
  /** True: `messages` are exactly the events after the subscriber's position; false: a snapshot of the call. */
  readonly recovered: boolean;
  readonly messages: CallEventMessage[] | [SnapshotMessage];
}

/** The call's whole current state; the caller has checked that the store holds the call. */
export function snapshotOf(store: CallEventStore, callId: string): SnapshotMessage {
  const snapshot = store.snapshot(callId);
  if (!snapshot) throw callNotFound(callId);
  return snapshot;
}

/**
 * What a subscriber holding `callId`'s events up to `since` missed: the events after it when the
 * store (memory ring, or the durable log behind it) still has every one of them, else a snapshot.
 */
export function catchUpFrom(store: CallEventStore, callId: string, since: number): CallCatchUp {
  const missed = store.eventsSince(callId, since);
  if (missed) return { recovered: true, messages: missed };
  return { recovered: false, messages: [snapshotOf(store, callId)] };
}

/** The answer to `subscribe '*'`: the acknowledgement, then each named call's catch-up in the order named. */
export interface AllCallsCatchUp {
  readonly acknowledgement: SubscribedMessage;
  readonly catchUp: (CallEventMessage | SnapshotMessage)[];
}

/**
 * Lists the calls `subscriber` may see and, for each call in `positions` that is among them, what it
 * missed ({@link catchUpFrom}). A named call that is no longer held, or that the subscriber may not
 * see, is left out of `calls` and `recoveredCalls` alike, so an agent learns nothing of others' calls.
 */
export function allCallsCatchUp(store: CallEventStore, subscriber: EventSubscriber, positions?: AllCallsPositions): AllCallsCatchUp {
  const calls = store.listCalls().filter((call) => subscriber.canSee(call));
  const acknowledgement: SubscribedMessage = { type: 'subscribed', callId: ALL_CALLS, calls };
  if (positions === undefined) return { acknowledgement, catchUp: [] };
  // A set and entries, not property lookups: call ids such as `constructor` or `__proto__` are valid.
  const visible = new Set(calls.map((call) => call.id));
  const recovered: [string, boolean][] = [];
  const catchUp: (CallEventMessage | SnapshotMessage)[] = [];
  for (const [callId, since] of Object.entries(positions)) {
    if (!visible.has(callId)) continue;
    const call = catchUpFrom(store, callId, since);
    recovered.push([callId, call.recovered]);
    // A replay from disk can be long: a loop, not push(...messages), which passes each as an argument.
    for (const message of call.messages) catchUp.push(message);
  }
  acknowledgement.recoveredCalls = Object.fromEntries(recovered);
  return { acknowledgement, catchUp };
}
