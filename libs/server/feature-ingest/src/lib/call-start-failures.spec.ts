import { Logger } from '@nestjs/common';
import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import { MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { EngineFailingOnOpen } from '@tnt/server/feature-transcription/testing';
import { IngestUnderTest, type IngestClose, type IngestProtocol } from '../testing/ingest-under-test';

/** A memory store whose `createCall` or first `append` rejects, as a full disk would. */
class FailingStore extends MemoryCallEventStore {
  constructor(private readonly failing: 'createCall' | 'append') {
    super(100);
  }
  override createCall(call: CallInfo): Promise<void> {
    if (this.failing === 'createCall') return Promise.reject(new Error('disk full'));
    return super.createCall(call);
  }
  override append(event: CallEventMessage): Promise<void> {
    if (this.failing === 'append' && event.seq === 1 && event.type === 'call' && event.event === 'started') {
      return Promise.reject(new Error('disk full'));
    }
    return super.append(event);
  }
}

const startFrame: Record<IngestProtocol, (callId: string) => string> = {
  l16: (callId) => JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }),
  twilio: (callId) =>
    JSON.stringify({
      event: 'start',
      start: {
        callSid: callId,
        tracks: ['inbound', 'outbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    }),
};

/** Opens a connection to `ingest`, sends the start frame of `callId` and returns how the server closed it. */
async function startCall(ingest: IngestUnderTest, protocol: IngestProtocol, callId: string): Promise<IngestClose> {
  const { socket, closed } = await ingest.connect();
  socket.send(startFrame[protocol](callId));
  return closed;
}

describe.each<IngestProtocol>(['l16', 'twilio'])('a call start that fails part-way, over /ingest/%s', (protocol) => {
  let ingest: IngestUnderTest;
  let loggedErrors: jest.SpyInstance;
  beforeEach(() => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
  });

  const endsOf = (callId: string) =>
    ingest.recorder.received.filter((event) => event.type === 'call' && event.event === 'ended' && event.call.id === callId);

  it('closes with 1011 INGEST_ENGINE_UNAVAILABLE and ends the call as engine-unavailable when a second stream fails', async () => {
    ingest = await IngestUnderTest.start(protocol, { engine: new EngineFailingOnOpen(2) });
    const { code, reason } = await startCall(ingest, protocol, 'CA-engine');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1011, reason: 'INGEST_ENGINE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(await ingest.sessions.getCall('CA-engine')).toMatchObject({ status: 'ended', endReason: 'engine-unavailable' });
    expect(endsOf('CA-engine')).toHaveLength(1);
    expect(loggedErrors.mock.calls.map(([entry]) => JSON.stringify(entry)).join('\n')).toContain('no decoder left in the pool');
  });

  it('closes with 1013 INGEST_STORE_UNAVAILABLE and leaves no call when the store cannot create it', async () => {
    ingest = await IngestUnderTest.start(protocol, { store: new FailingStore('createCall') });
    const { code, reason } = await startCall(ingest, protocol, 'CA-create');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1013, reason: 'INGEST_STORE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(await ingest.sessions.getCall('CA-create')).toBeUndefined();
    expect(ingest.recorder.received).toEqual([]);
    expect(loggedErrors.mock.calls.map(([entry]) => JSON.stringify(entry)).join('\n')).toContain('disk full');
  });

  it('closes with 1013 INGEST_STORE_UNAVAILABLE and ends the call as store-unavailable when its start cannot be stored', async () => {
    ingest = await IngestUnderTest.start(protocol, { store: new FailingStore('append') });
    const { code, reason } = await startCall(ingest, protocol, 'CA-append');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1013, reason: 'INGEST_STORE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(await ingest.sessions.getCall('CA-append')).toMatchObject({ status: 'ended', endReason: 'store-unavailable' });
    expect(ingest.sessions.activeCallIds()).toEqual([]);
  });

  it('closes a second start of a live id with 1008 INGEST_CALL_CONFLICT and leaves the first call active', async () => {
    ingest = await IngestUnderTest.start(protocol);
    const first = await ingest.transcription.startCall({ id: 'CA-twin', agentId: 'agent-1', speakers: ['caller'], sampleRate: 8000 });
    const { code, reason } = await startCall(ingest, protocol, 'CA-twin');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1008, reason: 'INGEST_CALL_CONFLICT' });
    expect(first.isEnding).toBe(false);
    expect((await ingest.sessions.getCall('CA-twin'))?.status).toBe('active');
  });

  it('closes a start during shutdown with 1001 INGEST_UNAVAILABLE and stores nothing', async () => {
    ingest = await IngestUnderTest.start(protocol);
    await ingest.transcription.endAll('shutdown');
    const { code, reason } = await startCall(ingest, protocol, 'CA-late');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1001, reason: 'INGEST_UNAVAILABLE' });
    expect(await ingest.sessions.getCall('CA-late')).toBeUndefined();
  });
});
