import { Logger } from '@nestjs/common';
import type { CallEventMessage } from '@tnt/protocol';
import { LocalCallEventBus, type CallEventBus, type CallEventHandler } from '@tnt/server/feature-sessions';
import { framesRead, IngestUnderTest, type IngestProtocol } from '../testing/ingest-under-test';

/** The local bus, plus a way to put on it what another instance of the cluster publishes. */
class SharedBusDouble implements CallEventBus {
  private readonly local = new LocalCallEventBus();

  publish(event: CallEventMessage): Promise<void> {
    return this.local.publish(event);
  }

  onEvent(handler: CallEventHandler): () => void {
    return this.local.onEvent(handler);
  }

  /** Delivers `event` to this instance's handlers as if another instance had published it. */
  fromAnotherInstance(event: CallEventMessage): Promise<void> {
    return this.local.publish(event);
  }
}

const startFrame: Record<IngestProtocol, string> = {
  l16: JSON.stringify({ callId: 'CA-moving', agentId: 'agent-1', sampleRate: 16000, mixType: 'mono' }),
  twilio: JSON.stringify({
    event: 'start',
    start: { callSid: 'CA-moving', tracks: ['inbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
  }),
};

describe.each<IngestProtocol>(['l16', 'twilio'])('a call another instance takes over, over /ingest/%s', (protocol) => {
  let ingest: IngestUnderTest;
  let bus: SharedBusDouble;
  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    bus = new SharedBusDouble();
    ingest = await IngestUnderTest.start(protocol, { bus });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
  });

  /** Starts the call over a real socket and waits until it is live here. */
  async function liveCall() {
    const connection = await ingest.connect();
    connection.socket.send(startFrame[protocol]);
    while (ingest.transcription.liveCallCount === 0) await new Promise((resolve) => setImmediate(resolve));
    await framesRead(connection.socket);
    const call = await ingest.sessions.getCall('CA-moving');
    if (!call) throw new Error('the call did not start');
    return { ...connection, call };
  }

  it('closes the ingest socket with 1008 INGEST_CALL_MOVED and stops owning the call when an event it did not number arrives', async () => {
    const { closed, call } = await liveCall();
    const lastSeq = call.lastSeq ?? 0;
    const { lastSeq: _stored, ...details } = call;

    await bus.fromAnotherInstance({ type: 'call', event: 'updated', seq: lastSeq + 1, call: { ...details, agentId: 'agent-2' } });

    const { code, reason } = await closed;
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1008, reason: 'INGEST_CALL_MOVED' });
    while (ingest.transcription.liveCallCount > 0) await new Promise((resolve) => setImmediate(resolve));
    // Not this instance's to end or write any more: no `ended` from here, and its writes are refused.
    expect(ingest.recorder.received.filter((event) => event.type === 'call' && event.event === 'ended')).toEqual([]);
    await expect(ingest.sessions.endCall('CA-moving', 'completed')).rejects.toThrow(/not known/);
    expect(ingest.sessions.activeCallIds()).toEqual(['CA-moving']);
  });

  it('keeps the call when an event arrives that it numbered itself (its own, echoed by the bus)', async () => {
    const { socket, call } = await liveCall();
    const { lastSeq: _stored, ...details } = call;
    const own = ingest.recorder.received.find((event) => event.type === 'call' && event.event === 'started');

    await bus.fromAnotherInstance({ type: 'call', event: 'started', seq: own?.seq ?? 1, call: details });
    await framesRead(socket);

    expect(socket.readyState).toBe(socket.OPEN);
    expect(ingest.transcription.liveCallCount).toBe(1);
    await ingest.sessions.updateCall('CA-moving', { agentId: 'agent-3' });
  });
});
