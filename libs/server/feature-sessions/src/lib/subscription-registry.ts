import { ALL_CALLS, type CallEventMessage, type CallInfo } from '@tnt/protocol';
import type { EventSubscriber } from './event-subscriber';

/** An event held back from a subscription that is still catching up. */
interface HeldEvent {
  readonly json: string;
  readonly event: CallEventMessage;
}

/**
 * Who listens to which call (or to `'*'`), and delivery of one event to each of them once. A
 * subscription can be held while its catch-up is read: its live events wait, in order, until
 * {@link release} hands over those the catch-up did not cover.
 */
export class SubscriptionRegistry {
  private readonly byCall = new Map<string, Set<EventSubscriber>>();
  private readonly byCallOfSubscriber = new Map<EventSubscriber, Set<string>>();
  /** Per subscriber, the subscriptions (call id or `'*'`) being caught up, with the events held meanwhile. */
  private readonly held = new Map<EventSubscriber, Map<string, HeldEvent[]>>();

  /** Holds back the live events of `subscriber`'s subscription `callId` until {@link release}. */
  hold(subscriber: EventSubscriber, callId: string): void {
    let holds = this.held.get(subscriber);
    if (!holds) this.held.set(subscriber, (holds = new Map()));
    holds.set(callId, []);
  }

  /** Delivers the events held for the subscription that `covered` says its catch-up did not contain, and goes live. */
  release(subscriber: EventSubscriber, callId: string, covered: (event: CallEventMessage) => boolean): void {
    const holds = this.held.get(subscriber);
    const events = holds?.get(callId);
    if (!holds || !events) return;
    holds.delete(callId);
    if (holds.size === 0) this.held.delete(subscriber);
    for (const { json, event } of events) {
      if (!covered(event)) subscriber.deliver(json, event);
    }
  }

  /** Adds `subscriber` to `callId` (or `'*'`); false when it was there already. */
  add(subscriber: EventSubscriber, callId: string): boolean {
    let subscribers = this.byCall.get(callId);
    if (!subscribers) this.byCall.set(callId, (subscribers = new Set()));
    if (subscribers.has(subscriber)) return false;
    subscribers.add(subscriber);
    let callIds = this.byCallOfSubscriber.get(subscriber);
    if (!callIds) this.byCallOfSubscriber.set(subscriber, (callIds = new Set()));
    callIds.add(callId);
    return true;
  }

  /** Removes one subscription; false when there was none. */
  remove(subscriber: EventSubscriber, callId: string): boolean {
    const subscribers = this.byCall.get(callId);
    if (!subscribers?.delete(subscriber)) return false;
    if (subscribers.size === 0) this.byCall.delete(callId);
    const holds = this.held.get(subscriber);
    // An empty entry would keep `send` off its fast path (no subscription held at all).
    if (holds?.delete(callId) && holds.size === 0) this.held.delete(subscriber);
    const callIds = this.byCallOfSubscriber.get(subscriber);
    callIds?.delete(callId);
    if (callIds?.size === 0) this.byCallOfSubscriber.delete(subscriber);
    return true;
  }

  /** Removes every subscription of `subscriber` (its connection closed). */
  removeAll(subscriber: EventSubscriber): void {
    for (const callId of this.byCallOfSubscriber.get(subscriber) ?? []) {
      const subscribers = this.byCall.get(callId);
      subscribers?.delete(subscriber);
      if (subscribers?.size === 0) this.byCall.delete(callId);
    }
    this.byCallOfSubscriber.delete(subscriber);
    this.held.delete(subscriber);
  }

  /** True when `subscriber` listens to `callId` directly or through `'*'`. */
  isSubscribed(subscriber: EventSubscriber, callId: string): boolean {
    return this.byCall.get(callId)?.has(subscriber) === true || this.byCall.get(ALL_CALLS)?.has(subscriber) === true;
  }

  /** How many subscriptions are held, for metrics. */
  get size(): number {
    let total = 0;
    for (const subscribers of this.byCall.values()) total += subscribers.size;
    return total;
  }

  /**
   * Delivers one event to everyone subscribed to its call or to `'*'`, once each. A subscriber of
   * both gets it through its subscription to the call: that one's catch-up covers the call's
   * events, while a `'*'` catch-up (a listing) may not, so holding it there could lose it.
   */
  deliver(call: CallInfo, json: string, event: CallEventMessage): void {
    const everyCall = this.byCall.get(ALL_CALLS);
    const thisCall = this.byCall.get(call.id);
    if (thisCall) {
      for (const subscriber of thisCall) {
        if (subscriber.canSee(call)) this.send(subscriber, call.id, json, event);
      }
    }
    if (everyCall) {
      for (const subscriber of everyCall) {
        if (thisCall?.has(subscriber) !== true && subscriber.canSee(call)) this.send(subscriber, ALL_CALLS, json, event);
      }
    }
  }

  private send(subscriber: EventSubscriber, subscription: string, json: string, event: CallEventMessage): void {
    const held = this.held.size === 0 ? undefined : this.held.get(subscriber)?.get(subscription);
    if (held) held.push({ json, event });
    else subscriber.deliver(json, event);
  }
}
