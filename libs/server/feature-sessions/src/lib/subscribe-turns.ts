import type { EventSubscriber } from './event-subscriber';

/**
 * One subscribe at a time per subscriber and subscription (a call id or `'*'`): a second subscribe
 * to the same subscription waits until the one before went live or failed. Held at once, the
 * second hold would drop the events held for the first, and a failing first would remove the
 * second's registration.
 */
export class SubscribeTurns {
  private readonly pending = new Map<EventSubscriber, Map<string, Promise<void>>>();
  private readonly gone = new WeakSet<EventSubscriber>();

  /** Resolves when it is this subscribe's turn, with the function that ends the turn. */
  async take(subscriber: EventSubscriber, subscription: string): Promise<() => void> {
    let ofSubscriber = this.pending.get(subscriber);
    if (!ofSubscriber) this.pending.set(subscriber, (ofSubscriber = new Map()));
    const before = ofSubscriber.get(subscription);
    let end!: () => void;
    const mine = new Promise<void>((resolve) => (end = resolve));
    ofSubscriber.set(subscription, mine);
    if (before) await before;
    return () => {
      end();
      const current = this.pending.get(subscriber);
      if (current?.get(subscription) !== mine) return;
      current.delete(subscription);
      if (current.size === 0) this.pending.delete(subscriber);
    };
  }

  /** The subscriber went away: a subscribe of its still waiting or reading must leave nothing registered. */
  forget(subscriber: EventSubscriber): void {
    this.gone.add(subscriber);
  }

  /** True once {@link forget} was called for `subscriber`. */
  isGone(subscriber: EventSubscriber): boolean {
    return this.gone.has(subscriber);
  }
}
