import {
  ALL_CALLS,
  callIdOf,
  type AllCallsPositions,
  type CallEventMessage,
  type SnapshotMessage,
  type SubscribedMessage,
} from '@tnt/protocol';
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
export async function snapshotOf(store: CallEventStore, callId: string): Promise<SnapshotMessage> {
  const snapshot = await store.snapshot(callId);
  if (!snapshot) throw callNotFound(callId);
  return snapshot;
}

/** The newest seq of `callId` that `catchUp` brings the subscriber to, or `floor` when that is higher. */
export function seqCoveredBy(catchUp: readonly (CallEventMessage | SnapshotMessage)[], callId: string, floor = 0): number {
  let covered = floor;
  for (const message of catchUp) {
    const about = message.type === 'snapshot' ? message.callId : callIdOf(message);
    if (about === callId) covered = Math.max(covered, message.seq);
  }
  return covered;
}

/**
 * What a subscriber holding `callId`'s events up to `since` missed: the events after it when the
 * store (memory ring, or the durable log behind it) still has every one of them, else a snapshot.
 */
export async function catchUpFrom(store: CallEventStore, callId: string, since: number): Promise<CallCatchUp> {
  const missed = await store.eventsSince(callId, since);
  if (missed) return { recovered: true, messages: missed };
  return { recovered: false, messages: [await snapshotOf(store, callId)] };
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
export async function allCallsCatchUp(
  store: CallEventStore,
  subscriber: EventSubscriber,
  positions?: AllCallsPositions,
): Promise<AllCallsCatchUp> {
  const calls = (await store.listCalls()).filter((call) => subscriber.canSee(call));
  const acknowledgement: SubscribedMessage = { type: 'subscribed', callId: ALL_CALLS, calls };
  if (positions === undefined) return { acknowledgement, catchUp: [] };
  // A set and entries, not property lookups: call ids such as `constructor` or `__proto__` are valid.
  const visible = new Set(calls.map((call) => call.id));
  const recovered: [string, boolean][] = [];
  const catchUp: (CallEventMessage | SnapshotMessage)[] = [];
  for (const [callId, since] of Object.entries(positions)) {
    if (!visible.has(callId)) continue;
    const call = await catchUpFrom(store, callId, since);
    recovered.push([callId, call.recovered]);
    // A replay from disk can be long: a loop, not push(...messages), which passes each as an argument.
    for (const message of call.messages) catchUp.push(message);
  }
  acknowledgement.recoveredCalls = Object.fromEntries(recovered);
  return { acknowledgement, catchUp };
}
