import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import type { EventSubscriber } from '../lib/event-subscriber';

/**
 * A test subscriber that keeps every event it is sent, parsed back from the shared JSON (so a test sees what a
 * client would). It sees every call, or only `agentId`'s calls when one is given, as an agent's connection does.
 */
export class RecordingSubscriber implements EventSubscriber {
  /** The events delivered so far, in delivery order. */
  readonly received: CallEventMessage[] = [];

  constructor(
    readonly id = 'recorder',
    private readonly agentId?: string,
  ) {}

  canSee(call: CallInfo): boolean {
    return this.agentId === undefined || call.agentId === this.agentId;
  }

  deliver(json: string, _event?: CallEventMessage): void {
    this.received.push(JSON.parse(json));
  }
}
