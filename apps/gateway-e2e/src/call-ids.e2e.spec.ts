import type { CallMessage } from '@tnt/protocol';
import { closed, ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type WebSocket from 'ws';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { ofType, TestClient } from './support/test-client';

type Endpoint = 'l16' | 'twilio';

/** A call id by case: the id sent to each endpoint (distinct, since a stored id cannot start again) and whether it is servable. */
const CALL_IDS: [description: string, idFor: (endpoint: Endpoint) => string, servable: boolean][] = [
  ['a space', () => 'call 42', false],
  ['a slash', () => 'a/b', false],
  ['a non-ASCII letter', () => 'café-1', false],
  ['200 characters', () => 'x'.repeat(200), false],
  ['129 characters', () => 'x'.repeat(129), false],
  ['the empty string', () => '', false],
  ['the all-calls wildcard', () => '*', false],
  ['a control character', () => 'line\t7', false],
  ['a query character', () => 'call?id=1', false],
  ['128 characters', (endpoint) => endpoint[0].repeat(128), true],
  ['a Twilio CallSid', (endpoint) => `CA${endpoint === 'l16' ? '0' : 'f'}${'9b1deb4d3b7d4bad9bdd2b0d7b3dcb6'}`, true],
  ['a UUID', (endpoint) => (endpoint === 'l16' ? '6f1c2a9e-3b7d-4c1e-9a4f-2d8e5b7c0a11' : '0c3e8f2a-7d1b-4e5c-8b9a-1f2e3d4c5b6a'), true],
  ['a PBX line id', (endpoint) => `pbx:line_7.${endpoint}`, true],
];

const startFrame: Record<Endpoint, (callId: string) => string> = {
  l16: (callId) => JSON.stringify({ callId, agentId: 'agent-ids', sampleRate: 16000, mixType: 'stereo' }),
  twilio: (callId) =>
    JSON.stringify({
      event: 'start',
      start: {
        callSid: callId,
        streamSid: 'MZ00000000000000000000000000000000',
        tracks: ['inbound', 'outbound'],
        customParameters: { agentId: 'agent-ids' },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    }),
};

const callEvent =
  (callId: string, event: CallMessage['event']) =>
  (message: { type: string }): message is CallMessage =>
    message.type === 'call' && (message as CallMessage).event === event && (message as CallMessage).call.id === callId;

describe('call ids: refused at the start frame, or servable everywhere', () => {
  let gateway: GatewayProcess;
  let watcher: TestClient;
  let history: HistoryApi;
  const data = temporaryDataDir();

  beforeAll(async () => {
    // SQLite, so `/api/calls/:id` answers for the calls that were served.
    gateway = await startGateway({ TNT_ENGINE: 'scripted', TNT_STORE: 'sqlite', TNT_DATA_DIR: data.path });
    history = HistoryApi.of(gateway);
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
  });
  afterAll(async () => {
    watcher.socket.terminate();
    await gateway.stop();
    data.remove();
  });

  const openIngest = (endpoint: Endpoint): Promise<WebSocket> =>
    openSocket(`ws://127.0.0.1:${gateway.port}/ingest/${endpoint}`, { headers: ingestHeaders(gateway.access.ingestApiKey) });

  /** Subscribes a fresh UI client to `callId` and returns its first answer after `subscribed` (or the error). */
  async function subscribeTo(callId: string): Promise<string> {
    const client = await TestClient.connect(gateway.wsUrl);
    try {
      client.send({ type: 'subscribe', callId });
      const answer = await client.waitFor((message) => message.type === 'snapshot' || message.type === 'error');
      return answer.type === 'error' ? `error ${answer.code}` : `snapshot of ${answer.callId}`;
    } finally {
      client.socket.terminate();
    }
  }

  async function servedOver(endpoint: Endpoint, callId: string): Promise<Record<string, unknown>> {
    const socket = await openIngest(endpoint);
    socket.send(startFrame[endpoint](callId));
    const started = await watcher.waitFor(callEvent(callId, 'started'));
    const subscribe = await subscribeTo(callId);
    const stored = await history.text(`/api/calls/${encodeURIComponent(callId)}`);
    const transcript = await history.text(`/api/calls/${encodeURIComponent(callId)}/transcript`);
    if (endpoint === 'twilio') socket.send(JSON.stringify({ event: 'stop', stop: { callSid: callId } }));
    socket.close(1000);
    const ended = await watcher.waitFor(callEvent(callId, 'ended'));
    return {
      onFeed: started.call.id === callId,
      subscribe,
      rest: [stored.status, (JSON.parse(stored.body) as { id?: string }).id === callId, transcript.status],
      endReason: ended.call.endReason,
    };
  }

  async function refusedOver(endpoint: Endpoint, callId: string): Promise<Record<string, unknown>> {
    const socket = await openIngest(endpoint);
    const result = closed(socket);
    socket.send(startFrame[endpoint](callId));
    const { code, reason } = await result;
    const rest = callId === '' ? 400 : (await history.text(`/api/calls/${encodeURIComponent(callId)}`)).status;
    return { code, reason: reason.split(':')[0], subscribe: callId === '*' ? 'wildcard' : await subscribeTo(callId), rest };
  }

  for (const endpoint of ['l16', 'twilio'] as const) {
    it(`refuses each bad id at /ingest/${endpoint}'s start frame, and serves each good one on the feed, subscribe and REST`, async () => {
      const refusedIds: string[] = [];
      for (const [description, idFor, servable] of CALL_IDS) {
        const callId = idFor(endpoint);
        if (servable) {
          expect({ description, ...(await servedOver(endpoint, callId)) }).toEqual({
            description,
            onFeed: true,
            subscribe: `snapshot of ${callId}`,
            rest: [200, true, 200],
            endReason: 'completed',
          });
        } else {
          refusedIds.push(callId);
          expect({ description, ...(await refusedOver(endpoint, callId)) }).toEqual({
            description,
            code: 1008,
            reason: 'INGEST_INVALID_CALL_ID',
            subscribe: callId === '*' ? 'wildcard' : 'error VALIDATION_FAILED',
            rest: 400,
          });
        }
      }
      const fresh = await TestClient.connect(gateway.wsUrl);
      fresh.send({ type: 'subscribe', callId: '*' });
      const held = (await fresh.waitFor(ofType('subscribed'))).calls?.map((call) => call.id) ?? [];
      fresh.socket.terminate();
      const seenOnFeed = watcher.messages.flatMap((message) => (message.type === 'call' ? [message.call.id] : []));
      expect(refusedIds.filter((callId) => held.includes(callId) || seenOnFeed.includes(callId))).toEqual([]);
    });
  }
});
