import { Logger } from '@nestjs/common';
import { encodeMulaw } from '@tnt/server/util-audio';
import { AudioHookClient } from '@tnt/shared/util-audiohook';
import { EngineKeepingAudio, IngestUnderTest } from '../testing/ingest-under-test';
import { eventually } from '@tnt/shared/util-testing/eventually';

const STEREO_PCMU = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 };
const MONO_L16 = { type: 'audio', format: 'L16', channels: ['external'], rate: 8000 };
const CONVERSATION = '7e8f1c2a-4b3d-4e5f-8a9b-0c1d2e3f4a5b';

/** `ms` of stereo PCMU, both channels at `level`. */
function stereoPcmu(ms: number, level = 1000): Buffer {
  const samples = new Int16Array((ms * 8000) / 1000).fill(level);
  const encoded = encodeMulaw(samples);
  const frame = Buffer.alloc(encoded.length * 2);
  encoded.forEach((byte, index) => {
    frame[index * 2] = byte;
    frame[index * 2 + 1] = byte;
  });
  return frame;
}

describe('an AudioHook Monitor session over /ingest/audiohook', () => {
  let ingest: IngestUnderTest;
  let engine: EngineKeepingAudio;
  const connect = () => AudioHookClient.connect({ url: ingest.url, apiKey: 'unused-by-the-harness' });
  const events = (type: string, event?: string) =>
    ingest.recorder.received.filter(
      (message) => message.type === type && (event === undefined || ('event' in message && message.event === event)),
    );

  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    engine = new EngineKeepingAudio();
    ingest = await IngestUnderTest.start('audiohook', { engine });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
  });

  it('answers open with the chosen format, fills the call record from the participant, and sends closed after the call ended', async () => {
    const client = await connect();
    const opened = await client.open(CONVERSATION, [{ ...STEREO_PCMU, rate: 16000 }, STEREO_PCMU]);
    expect(opened).toEqual({
      version: '2',
      type: 'opened',
      seq: 1,
      clientseq: 1,
      id: client.sessionId,
      parameters: { media: [STEREO_PCMU], startPaused: false },
    });
    expect(events('call', 'started')).toEqual([
      expect.objectContaining({ call: expect.objectContaining({ id: CONVERSATION, from: '+15550100', to: '+15550199' }) }),
    ]);
    client.sendAudio(stereoPcmu(1000), 1000);
    const closed = await client.close();
    expect(closed).toMatchObject({ type: 'closed', seq: 2, clientseq: 2 });
    // "Stored before sent": the call's end (after its last finals) was published before `closed` arrived.
    expect(events('call', 'ended')).toEqual([expect.objectContaining({ call: expect.objectContaining({ endReason: 'completed' }) })]);
    expect(engine.heard.get('caller')).toHaveLength(8000);
    expect(engine.heard.get('agent')).toHaveLength(8000);
  });

  it('keeps the language of open and of a later update in the call record, and logs one the engine does not run', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const client = await connect();
    await client.open(CONVERSATION, [STEREO_PCMU], { language: 'es-ES' });
    expect(events('call', 'started')).toEqual([expect.objectContaining({ call: expect.objectContaining({ language: 'es-ES' }) })]);
    expect(await ingest.sessions.getCall(CONVERSATION)).toMatchObject({ from: '+15550100', language: 'es-ES' });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: 'conversation language es-ES; the engine transcribes en-US' }));

    client.sendAudio(stereoPcmu(200), 200);
    client.send('update', { language: 'en-US' });
    client.sendAudio(stereoPcmu(200), 200);
    await client.close();
    expect(events('call', 'updated')).toEqual([expect.objectContaining({ call: expect.objectContaining({ language: 'en-US' }) })]);
    // The end carries the update's language; the audio on both sides of the update reached the engine.
    expect(events('call', 'ended')).toEqual([expect.objectContaining({ call: expect.objectContaining({ language: 'en-US' }) })]);
    expect(engine.heard.get('caller')).toHaveLength(3200);
    expect(logged).not.toHaveBeenCalledWith(expect.objectContaining({ msg: expect.stringContaining('conversation language en-US') }));
  });

  it('answers ping with pong and keeps the transcript on the timeline across discarded audio and a pause', async () => {
    const client = await connect();
    await client.open(CONVERSATION, [MONO_L16]);
    const pong = client.next('pong');
    client.send('ping', { rtt: 'PT0.05S' });
    expect(await pong).toMatchObject({ type: 'pong', clientseq: 2 });
    const second = Buffer.alloc(16000);
    client.sendAudio(second, 1000);
    client.send('discarded', client.skip(2000));
    client.sendAudio(second, 1000);
    client.send('paused');
    client.send('resumed', client.skip(3000));
    client.sendAudio(second, 1000);
    await client.close();
    // 1 s + 2 s discarded + 1 s + 3 s paused + 1 s: the engine heard the call's 8 s, silence where audio was missing.
    expect(engine.heard.get('caller')).toHaveLength(8 * 8000);
    expect(engine.heard.has('agent')).toBe(false);
  });

  it('answers a connection probe (the all-zero conversation) without starting a call', async () => {
    const client = await connect();
    expect(await client.open('00000000-0000-0000-0000-000000000000', [STEREO_PCMU])).toMatchObject({ type: 'opened' });
    expect(await client.close()).toMatchObject({ type: 'closed' });
    expect(events('call')).toEqual([]);
  });

  it.each([
    [
      'an offer it cannot take',
      (client: AudioHookClient) => void client.open(CONVERSATION, [{ ...MONO_L16, format: 'opus' }]),
      'INGEST_UNSUPPORTED_ENCODING',
    ],
    ['audio before open', (client: AudioHookClient) => client.sendAudio(stereoPcmu(20), 20), 'INGEST_MEDIA_BEFORE_START'],
    ['a seq that skips one', (client: AudioHookClient) => client.send('ping', {}, { seq: 2 }), 'INGEST_OUT_OF_SEQUENCE'],
    ['a serverseq never sent', (client: AudioHookClient) => client.send('ping', {}, { serverseq: 5 }), 'INGEST_OUT_OF_SEQUENCE'],
    ['another session id', (client: AudioHookClient) => client.send('ping', {}, { id: CONVERSATION }), 'INGEST_INVALID_MESSAGE'],
    ['garbage JSON', (client: AudioHookClient) => client.sendText('{"version":'), 'INGEST_MALFORMED_JSON'],
  ])('answers %s with disconnect, reason error and a stable code, and then closes cleanly', async (_case, misbehave, code) => {
    const client = await connect();
    const disconnect = client.next('disconnect');
    misbehave(client);
    expect(await disconnect).toMatchObject({
      type: 'disconnect',
      parameters: { reason: 'error', info: expect.stringMatching(`^${code}: `) },
    });
    expect(await client.close('disconnect')).toMatchObject({ type: 'closed' });
    client.end();
    expect(events('call')).toEqual([]);
  });

  it('ends a live call with reason error after a protocol violation, and other calls keep streaming', async () => {
    const bad = await connect();
    const good = await connect();
    await bad.open(CONVERSATION, [STEREO_PCMU]);
    await good.open('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', [STEREO_PCMU]);
    const disconnect = bad.next('disconnect');
    bad.send('ping', {}, { seq: 9 });
    await disconnect;
    await eventually(() => events('call', 'ended').length === 1, 'the call has ended');
    expect(events('call', 'ended')[0]).toMatchObject({ call: { id: CONVERSATION, endReason: 'error' } });
    good.sendAudio(stereoPcmu(500), 500);
    expect(await good.close()).toMatchObject({ type: 'closed' });
    expect(events('call', 'ended')[1]).toMatchObject({ call: { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', endReason: 'completed' } });
  });

  it('ignores a second close, as the protocol reference does, and sends closed once', async () => {
    const client = await connect();
    await client.open(CONVERSATION, [STEREO_PCMU]);
    await client.close();
    client.send('close', { reason: 'end' });
    const pong = client.next('pong');
    client.send('ping');
    await pong;
    expect(client.received.map((message) => message.type)).toEqual(['opened', 'closed', 'pong']);
  });

  it('tells the client at shutdown with disconnect, reason completed', async () => {
    const client = await connect();
    await client.open(CONVERSATION, [STEREO_PCMU]);
    const disconnect = client.next('disconnect');
    ingest.connections.beforeApplicationShutdown();
    expect(await disconnect).toMatchObject({ parameters: { reason: 'completed' } });
    expect(await client.close('disconnect')).toMatchObject({ type: 'closed' });
  });

  describe('a session that continues an earlier one (open.continuedSessions)', () => {
    const continuing = (earlier: AudioHookClient) =>
      AudioHookClient.connect({ url: ingest.url, apiKey: 'unused-by-the-harness', organizationId: earlier.organizationId });
    const continued = (earlier: AudioHookClient, clientseq: number, serverseq = earlier.serverSeq) => ({
      continuedSessions: [{ id: earlier.sessionId, serverseq, clientseq }],
    });
    const seqsOfTheCall = () =>
      ingest.recorder.received.filter((message) => 'callId' in message && message.callId === CONVERSATION).map((message) => message.seq);
    let nowMs: number;

    beforeEach(() => {
      nowMs = 1_000_000;
      ingest.continuations.now = () => nowMs;
    });

    it('goes on with a call closed to reconnect: one call, numbering continued, the wait silent on its timeline', async () => {
      const first = await connect();
      await first.open(CONVERSATION, [STEREO_PCMU]);
      first.sendAudio(stereoPcmu(1000), 1000);
      expect(await first.close('reconnect')).toMatchObject({ type: 'closed' });
      first.end();
      expect(events('call', 'ended')).toEqual([]);
      nowMs += 2000;
      const second = await continuing(first);
      expect(await second.open(CONVERSATION, [STEREO_PCMU], continued(first, 3))).toMatchObject({ type: 'opened', seq: 1 });
      second.sendAudio(stereoPcmu(1000), 1000);
      await second.close();
      expect(events('call', 'started')).toHaveLength(1);
      expect(events('call', 'ended')).toEqual([expect.objectContaining({ call: expect.objectContaining({ endReason: 'completed' }) })]);
      const seqs = seqsOfTheCall();
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      // 1 s, 2 s waiting between the sessions, 1 s: the transcript's offsets stay those of the conversation.
      expect(engine.heard.get('caller')).toHaveLength(4 * 8000);
      expect(engine.heard.get('agent')).toHaveLength(4 * 8000);
    });

    it('goes on with the call of a session whose connection dropped', async () => {
      const first = await connect();
      await first.open(CONVERSATION, [STEREO_PCMU]);
      first.sendAudio(stereoPcmu(500), 500);
      first.drop();
      await eventually(() => ingest.continuations.waiting === 1, 'the dropped call waits to be continued');
      const second = await continuing(first);
      expect(await second.open(CONVERSATION, [STEREO_PCMU], continued(first, 1))).toMatchObject({ type: 'opened' });
      second.sendAudio(stereoPcmu(500), 500);
      await second.close();
      expect(events('call', 'started')).toHaveLength(1);
      expect(events('call', 'ended')).toEqual([expect.objectContaining({ call: expect.objectContaining({ endReason: 'completed' }) })]);
      expect(engine.heard.get('caller')).toHaveLength(8000);
    });

    it('refuses a continuation naming a serverseq the server never sent, and ends the call with reason error', async () => {
      const first = await connect();
      await first.open(CONVERSATION, [STEREO_PCMU]);
      await first.close('reconnect');
      const second = await continuing(first);
      const answer = await second.open(CONVERSATION, [STEREO_PCMU], continued(first, 2, 99));
      expect(answer).toMatchObject({
        type: 'disconnect',
        parameters: { reason: 'error', info: expect.stringMatching(/^INGEST_OUT_OF_SEQUENCE: /) },
      });
      await eventually(() => events('call', 'ended').length === 1, 'the call has ended');
      expect(events('call', 'ended')[0]).toMatchObject({ call: { id: CONVERSATION, endReason: 'error' } });
    });
  });
});

describe('an AudioHook call nobody continues', () => {
  it('ends as disconnected once the grace period is over', async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const ingest = await IngestUnderTest.start('audiohook', { env: { TNT_AUDIOHOOK_RECONNECT_GRACE_MS: '50' } });
    try {
      const client = await AudioHookClient.connect({ url: ingest.url, apiKey: 'unused-by-the-harness' });
      await client.open(CONVERSATION, [STEREO_PCMU]);
      client.drop();
      await eventually(
        () => ingest.recorder.received.some((message) => message.type === 'call' && message.event === 'ended'),
        'the call has ended',
      );
      const ended = ingest.recorder.received.filter((message) => message.type === 'call' && message.event === 'ended');
      expect(ended).toEqual([expect.objectContaining({ call: expect.objectContaining({ endReason: 'disconnected' }) })]);
      expect(ingest.continuations.waiting).toBe(0);
    } finally {
      jest.restoreAllMocks();
      await ingest.stop();
    }
  });
});
