import type { AllCallsPositions } from '@tnt/protocol';
import type { CallSessionService, SubscriptionStart } from '../lib/call-session.service';
import type { EventSubscriber } from '../lib/event-subscriber';

/**
 * Subscribes and goes live at once, as the gateway does once it has sent the acknowledgement and
 * catch-up: for tests that read the start from its result and then watch live events.
 */
export async function subscribeLive(
  sessions: CallSessionService,
  subscriber: EventSubscriber,
  callId: string,
  since?: number | AllCallsPositions,
): Promise<SubscriptionStart> {
  const start = await sessions.subscribe(subscriber, callId, since);
  start.goLive();
  return start;
}
