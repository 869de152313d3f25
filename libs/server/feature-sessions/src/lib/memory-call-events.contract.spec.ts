import { describeCallEventsContract } from '../testing';
import { LocalCallEventBus } from './call-event-bus';
import { MemoryCallEventStore } from './memory-call-event-store';

describeCallEventsContract('memory store + local bus', async () => ({
  store: new MemoryCallEventStore(1_000),
  bus: new LocalCallEventBus(),
  close: async () => undefined,
}));
