import { Logger } from '@nestjs/common';
import type { CallInfo } from '@tnt/protocol';
import { MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { encodeMulaw, decodeMulaw } from '@tnt/server/util-audio';
import { EngineKeepingAudio, framesRead, IngestUnderTest, type IngestProtocol } from '../testing/ingest-under-test';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** A memory store that keeps new calls waiting until the test lets them start, as a slow networked store would. */
class SlowStartStore extends MemoryCallEventStore {
  private letThrough: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.letThrough = resolve));

  override async createCall(call: CallInfo): Promise<void> {
    await this.gate;
    return super.createCall(call);
  }

  /** Lets waiting and later starts through. */
  open(): void {
    this.letThrough?.();
  }
}

/** Ten seconds: the caller speaks within them in the scripted conversation. */
const FRAMES = 500;

/** Frame `index` of the caller's audio: 20 ms at `sampleRate`, every sample `index + 1`, so order shows in what is heard. */
const framePcm = (index: number, sampleRate: number) => new Int16Array((sampleRate / 1000) * 20).fill(index + 1);

/** The frames of each protocol, and the samples the engine hears from them. */
const wire: Record<IngestProtocol, { sampleRate: number; start: string; frame(index: number): string | Buffer; stop: string }> = {
  l16: {
    sampleRate: 16000,
    start: JSON.stringify({ callId: 'CA-quick', agentId: 'agent-1', sampleRate: 16000, mixType: 'mono' }),
    frame: (index) => {
      const pcm = framePcm(index, 16000);
      const bytes = Buffer.alloc(pcm.length * 2);
      pcm.forEach((sample, at) => bytes.writeInt16LE(sample, at * 2));
      return bytes;
    },
    stop: JSON.stringify({ type: 'stop' }),
  },
  twilio: {
    sampleRate: 8000,
    start: JSON.stringify({
      event: 'start',
      start: { callSid: 'CA-quick', tracks: ['inbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
    }),
    frame: (index) =>
      JSON.stringify({
        event: 'media',
        media: { track: 'inbound', chunk: String(index + 1), payload: Buffer.from(encodeMulaw(framePcm(index, 8000))).toString('base64') },
      }),
    stop: JSON.stringify({ event: 'stop', stop: { callSid: 'CA-quick' } }),
  },
};

describe.each<IngestProtocol>(['l16', 'twilio'])('audio sent while the call is still being started, over /ingest/%s', (protocol) => {
  let ingest: IngestUnderTest;
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
  });

  it('is all transcribed, in the order sent, once the call has started', async () => {
    const engine = new EngineKeepingAudio();
    const store = new SlowStartStore(100);
    ingest = await IngestUnderTest.start(protocol, { engine, store });
    const { socket } = await ingest.connect();
    const { sampleRate, start, frame, stop } = wire[protocol];

    socket.send(start);
    for (let index = 0; index < FRAMES; index++) socket.send(frame(index));
    await framesRead(socket);
    expect(ingest.recorder.received).toEqual([]);
    store.open();
    socket.send(stop);
    await eventually(
      () => ingest.recorder.received.some((event) => event.type === 'call' && event.event === 'ended'),
      'the call has ended',
    );

    const sent = Array.from({ length: FRAMES }, (_, index) => framePcm(index, sampleRate));
    const expected = sent.flatMap((pcm) => [...(protocol === 'twilio' ? decodeMulaw(encodeMulaw(pcm)) : pcm)]);
    expect(engine.heard.get('caller')).toEqual(expected);
    const finals = ingest.recorder.received.filter((event) => event.type === 'transcript' && event.transcript.isFinal);
    expect(finals.length).toBeGreaterThan(0);
    expect(ingest.recorder.received.at(-1)).toMatchObject({
      type: 'call',
      event: 'ended',
      call: { id: 'CA-quick', endReason: 'completed' },
    });
  });
});
