import type { CallMessage, TranscriptMessage } from '@tnt/protocol';
import { streamAudioHookCall } from '@tnt/tools/feature-simulator';
import { loadConversation } from '@tnt/tools/util-speech';
import { AudioHookClient, AudioHookUpgradeRefused, type AudioHookClientOptions } from '@tnt/shared/util-audiohook';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { logged } from './support/gateway-log';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { ofType, TestClient } from './support/test-client';

const FIXTURES = join(__dirname, '..', '..', '..', 'tools', 'fixtures', 'conversations');
// A Genesys integration's credentials, as TNT_AUDIOHOOK_CREDENTIALS pairs them.
const API_KEY = 'genesys-e2e-api-key-0001';
const CLIENT_SECRET = Buffer.from('the e2e suite client secret, 32+ bytes').toString('base64');
const ORGANIZATION = 'd7934305-0972-4844-938e-9060eef73d05';
const STEREO_PCMU = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 };
const STEREO_L16 = { ...STEREO_PCMU, format: 'L16' };

/** What a bad input should get: the upgrade refused with an HTTP status, or `disconnect` (reason error) with a code. */
type Expected = { status: number; code: string } | { disconnect: string } | { close: number };

/** Bad input: how to connect (`options`), what to do once connected, and the answer the protocol gives. */
const BAD_AUDIOHOOK_INPUT: [
  string,
  Partial<AudioHookClientOptions>,
  ((client: AudioHookClient, id: string) => Promise<void> | void) | undefined,
  Expected,
][] = [
  ['no X-API-KEY', { headers: { 'x-api-key': undefined } }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  ['an unknown API key', { apiKey: 'not-a-configured-key-0001' }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  ['a signed key sent unsigned', { clientSecret: undefined }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  [
    'a bad signature',
    { clientSecret: Buffer.from('a different secret of 32 bytes!!').toString('base64') },
    undefined,
    { status: 401, code: 'UNAUTHORIZED' },
  ],
  ['an expired created', { now: () => Date.now() - 600_000 }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  ['a created in the future', { now: () => Date.now() + 600_000 }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  ['a replayed nonce', { nonce: 'used-once-already' }, undefined, { status: 401, code: 'UNAUTHORIZED' }],
  [
    'an organization not allowed',
    { organizationId: '11111111-2222-3333-4444-555555555555' },
    undefined,
    { status: 403, code: 'FORBIDDEN' },
  ],
  [
    'a session id that is not a UUID',
    { headers: { 'audiohook-session-id': 'session-1' } },
    undefined,
    { status: 400, code: 'VALIDATION_FAILED' },
  ],
  ['audio before open', {}, (client) => client.sendAudio(Buffer.alloc(320), 20), { disconnect: 'INGEST_MEDIA_BEFORE_START' }],
  ['garbage JSON', {}, (client) => client.sendText('{"version":"2",'), { disconnect: 'INGEST_MALFORMED_JSON' }],
  ['seq out of order', {}, (client) => client.send('ping', {}, { seq: 3 }), { disconnect: 'INGEST_OUT_OF_SEQUENCE' }],
  ['a serverseq never sent', {}, (client) => client.send('ping', {}, { serverseq: 7 }), { disconnect: 'INGEST_OUT_OF_SEQUENCE' }],
  [
    'an unsupported format',
    {},
    (client, id) => void client.open(id, [{ ...STEREO_PCMU, format: 'opus' }]),
    { disconnect: 'INGEST_UNSUPPORTED_ENCODING' },
  ],
  [
    'a 16 kHz offer only',
    {},
    (client, id) => void client.open(id, [{ ...STEREO_PCMU, rate: 16000 }]),
    { disconnect: 'INGEST_UNSUPPORTED_ENCODING' },
  ],
  [
    'open naming another organization than the header',
    {},
    (client, id) => void client.open(id, [STEREO_PCMU], { organizationId: randomUUID() }),
    { disconnect: 'INGEST_INVALID_MESSAGE' },
  ],
  [
    'a conversation id breaking the call-id rule',
    {},
    (client) => void client.open('no spaces allowed', [STEREO_PCMU]),
    { disconnect: 'INGEST_INVALID_CALL_ID' },
  ],
  ['an unknown message type', {}, (client) => client.send('shout'), { disconnect: 'INGEST_INVALID_MESSAGE' }],
  ['protocol version 1', {}, (client) => client.send('ping', {}, { version: '1' }), { disconnect: 'INGEST_INVALID_MESSAGE' }],
  [
    'JSON nested 5000 deep',
    {},
    (client) => client.sendText(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`),
    { disconnect: 'INGEST_INVALID_MESSAGE' },
  ],
  [
    'open twice',
    {},
    async (client, id) => {
      await client.open(id, [STEREO_PCMU]);
      void client.open(`${id}-again`, [STEREO_PCMU]);
    },
    { disconnect: 'INGEST_DUPLICATE_START' },
  ],
  [
    'audio while paused',
    {},
    async (client, id) => {
      await client.open(id, [STEREO_PCMU]);
      client.send('paused');
      client.sendAudio(Buffer.alloc(320), 20);
    },
    { disconnect: 'INGEST_UNEXPECTED_FRAME' },
  ],
  [
    'an L16 frame of half a stereo sample',
    {},
    async (client, id) => {
      await client.open(id, [STEREO_L16]);
      client.sendAudio(Buffer.alloc(322), 20);
    },
    { disconnect: 'INGEST_ODD_BYTE_COUNT' },
  ],
  ['a frame over TNT_MAX_INGEST_FRAME_BYTES', {}, (client) => client.sendAudio(Buffer.alloc(70_000), 20), { close: 1009 }],
];

describe('ingest: Genesys AudioHook on /ingest/audiohook', () => {
  let gateway: GatewayProcess;
  let watcher: TestClient;
  // SQLite, so `/api/calls/:id` answers for the calls that were served.
  const data = temporaryDataDir();
  const connect = (options: Partial<AudioHookClientOptions> = {}) =>
    AudioHookClient.connect({
      url: `ws://127.0.0.1:${gateway.port}/ingest/audiohook`,
      apiKey: API_KEY,
      clientSecret: CLIENT_SECRET,
      organizationId: ORGANIZATION,
      ...options,
    });
  const ended = (callId: string) =>
    watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === callId,
      30_000,
    );

  beforeAll(async () => {
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_AUDIOHOOK_CREDENTIALS: `${API_KEY}:${CLIENT_SECRET}`,
      TNT_AUDIOHOOK_ORGANIZATION_IDS: ORGANIZATION,
      TNT_MAX_INGEST_FRAME_BYTES: '65536',
    });
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
  });
  afterAll(async () => {
    watcher.socket.terminate();
    await gateway.stop();
    data.remove();
  });

  const tableTitle =
    `answers each of ${BAD_AUDIOHOOK_INPUT.length} bad inputs as the protocol says, ` + 'logs its code, and disturbs no other call';
  it(
    tableTitle,
    async () => {
      const conversation = await loadConversation(join(FIXTURES, 'billing-question'));
      const goodCall = { callId: randomUUID(), agentId: 'agent-1', from: '+15550001', to: '+18005550100' };
      const baseUrl = `http://127.0.0.1:${gateway.port}`;
      const goodStream = streamAudioHookCall(baseUrl, goodCall, conversation, 4, API_KEY, {
        clientSecret: CLIENT_SECRET,
        organizationId: ORGANIZATION,
      });
      await watcher.waitFor((message): message is TranscriptMessage => message.type === 'transcript' && message.callId === goodCall.callId);
      (await connect({ nonce: 'used-once-already' })).drop();

      for (const [description, options, misbehave, expected] of BAD_AUDIOHOOK_INPUT) {
        const conversationId = randomUUID();
        if ('status' in expected) {
          const refusal = await connect(options).then(
            () => undefined,
            (error: unknown) => error,
          );
          expect({ description, refused: refusal instanceof AudioHookUpgradeRefused && refusal.status }).toEqual({
            description,
            refused: expected.status,
          });
          expect(JSON.parse((refusal as AudioHookUpgradeRefused).body)).toMatchObject({ code: expected.code });
          expect(await logged(gateway, `refused: ${expected.status} ${expected.code}`)).toBe(true);
          continue;
        }
        const client = await connect(options);
        const answer = client.next('disconnect');
        await misbehave?.(client, conversationId);
        if ('close' in expected) {
          expect({ description, code: (await client.closed).code }).toEqual({ description, code: expected.close });
          continue;
        }
        const disconnect = await answer;
        expect({ description, reason: disconnect.parameters['reason'], code: String(disconnect.parameters['info']).split(':')[0] }).toEqual(
          {
            description,
            reason: 'error',
            code: expected.disconnect,
          },
        );
        expect(await logged(gateway, expected.disconnect)).toBe(true);
        expect(await client.close('disconnect')).toMatchObject({ type: 'closed' });
        client.end();
      }

      await goodStream;
      expect((await ended(goodCall.callId)).call.endReason).toBe('completed');
      const goodSeqs = watcher.eventsOf(goodCall.callId).map((event) => event.seq);
      expect(goodSeqs).toEqual(goodSeqs.map((_, index) => goodSeqs[0] + index));
      expect(watcher.eventsOf(goodCall.callId).filter((event) => event.type === 'transcript').length).toBeGreaterThan(10);
    },
    120_000,
  );

  it('ends a started call with reason error after a protocol violation', async () => {
    const client = await connect();
    const conversationId = randomUUID();
    await client.open(conversationId, [STEREO_PCMU]);
    client.send('ping', {}, { seq: 42 });
    await client.next('disconnect');
    expect((await ended(conversationId)).call.endReason).toBe('error');
    await client.close('disconnect');
    client.end();
  });

  it('ignores a second close and publishes the call end with its finals before closed', async () => {
    const conversation = await loadConversation(join(FIXTURES, 'billing-question'));
    const call = { callId: randomUUID(), agentId: 'agent-2', from: '+15550002', to: '+18005550100' };
    await streamAudioHookCall(`http://127.0.0.1:${gateway.port}`, call, conversation, 8, API_KEY, {
      clientSecret: CLIENT_SECRET,
      organizationId: ORGANIZATION,
    });
    // streamAudioHookCall returned after `closed`: the call's end and its finals are already stored.
    const late = await TestClient.connect(gateway.wsUrl);
    late.send({ type: 'subscribe', callId: call.callId });
    const snapshot = await late.waitFor(ofType('snapshot'));
    expect(snapshot.call).toMatchObject({
      status: 'ended',
      endReason: 'completed',
      from: '+15550002',
      to: '+18005550100',
      agentId: 'agent-2',
    });
    expect(snapshot.transcript.filter((segment) => segment.isFinal).length).toBeGreaterThan(0);
    late.socket.terminate();

    const client = await connect();
    await client.open(randomUUID(), [STEREO_PCMU]);
    await client.close();
    client.send('close', { reason: 'end' });
    expect(await logged(gateway, 'ignored close in state closed')).toBe(true);
    const pong = client.next('pong');
    client.send('ping');
    await pong;
    expect(client.received.map((message) => message.type)).toEqual(['opened', 'closed', 'pong']);
    client.end();
  });

  it("keeps the conversation's language of open in the call record GET /api/calls/:id answers", async () => {
    const client = await connect();
    const conversationId = randomUUID();
    await client.open(conversationId, [STEREO_PCMU], { language: 'es-ES' });
    await client.close();
    client.end();
    expect(await HistoryApi.of(gateway).getCall(conversationId)).toMatchObject({ id: conversationId, status: 'ended', language: 'es-ES' });
  });

  it('continues a dropped call in the session naming it in continuedSessions: one call, numbering going on', async () => {
    const conversationId = randomUUID();
    const first = await connect();
    await first.open(conversationId, [STEREO_PCMU]);
    first.sendAudio(Buffer.alloc(16_000, 0xff), 1000);
    first.drop();
    expect(await logged(gateway, 'ended mid-call; its call waits 10 s for a session that continues it')).toBe(true);
    const second = await connect();
    const continued = [{ id: first.sessionId, serverseq: first.serverSeq, clientseq: 1 }];
    expect(await second.open(conversationId, [STEREO_PCMU], { continuedSessions: continued })).toMatchObject({ type: 'opened' });
    second.sendAudio(Buffer.alloc(16_000, 0xff), 1000);
    await second.close();
    second.end();
    expect((await ended(conversationId)).call.endReason).toBe('completed');
    const events = watcher.eventsOf(conversationId);
    expect(events.filter((event) => event.type === 'call').map((event) => (event as CallMessage).event)).toEqual(['started', 'ended']);
    const seqs = events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => seqs[0] + index));
  });

  it('answers a connection probe without starting a call', async () => {
    const client = await connect();
    expect(await client.open('00000000-0000-0000-0000-000000000000', [STEREO_PCMU])).toMatchObject({ type: 'opened' });
    expect(await client.close()).toMatchObject({ type: 'closed' });
    client.end();
    expect(watcher.eventsOf('00000000-0000-0000-0000-000000000000')).toEqual([]);
  });
});
