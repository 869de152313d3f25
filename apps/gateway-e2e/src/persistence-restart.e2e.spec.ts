import type { CallMessage, ServerMessage, TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

const endedEvent = (message: ServerMessage): message is CallMessage => message.type === 'call' && message.event === 'ended';

/** Every final segment `client` received, per call, in the order received. */
function finalsPerCall(client: TestClient): Map<string, TranscriptSegment[]> {
  const finals = new Map<string, TranscriptSegment[]>();
  for (const message of client.messages) {
    if (message.type !== 'transcript' || !message.transcript.isFinal) continue;
    finals.set(message.callId, [...(finals.get(message.callId) ?? []), message.transcript]);
  }
  return finals;
}

/** Everything the history API says about one call: details, transcript and its three exports. */
async function historyOf(api: HistoryApi, callId: string) {
  return {
    call: await api.getCall(callId),
    transcript: await api.transcript(callId),
    txt: await api.exported(callId, 'txt'),
    vtt: await api.exported(callId, 'vtt'),
    srt: await api.exported(callId, 'srt'),
  };
}

/** The durable stores, each with the environment of one run: SQLite in the data dir, or a PostgreSQL schema of its own. */
const STORES: [name: string, storage: (dataDir: string) => { env: Record<string, string>; drop: () => Promise<void> }][] = [
  ['SQLite', (dataDir) => ({ env: { TNT_STORE: 'sqlite', TNT_DATA_DIR: dataDir }, drop: async () => undefined })],
  [
    'PostgreSQL',
    (dataDir) => {
      const schema = randomSchemaName();
      return {
        env: { TNT_STORE: 'postgres', TNT_DATABASE_URL: TEST_DATABASE_URL, TNT_DATABASE_SCHEMA: schema, TNT_DATA_DIR: dataDir },
        drop: () => dropSchema(schema),
      };
    },
  ],
];

describe.each(STORES)('persistence on %s: a graceful restart keeps the history', (_name, storageFor) => {
  const data = temporaryDataDir();
  const { env: storage, drop } = storageFor(data.path);
  let gateway: GatewayProcess | undefined;
  afterEach(async () => {
    await gateway?.stop('SIGKILL');
    data.remove();
    await drop();
  });

  it('after SIGTERM and a start on the same store, history, search and exports are intact', async () => {
    gateway = await startGateway({ ...storage, TNT_DEMO: '1', TNT_DEMO_CALLS: '2', TNT_DEMO_SPEED: '10' });
    const supervisor = await TestClient.connect(gateway.wsUrl);
    supervisor.send({ type: 'subscribe', callId: '*' });
    await supervisor.waitFor(ofType('subscribed'));
    const firstEnded = await supervisor.waitFor(endedEvent, 40_000);
    await supervisor.waitFor(
      (message): message is TranscriptMessage =>
        message.type === 'transcript' && message.transcript.isFinal && message.callId !== firstEnded.call.id,
    );

    // Stopped while a call is certainly live: one that has just started and said its first final (a
    // call that merely spoke recently may be at its last line; demo calls at speed 10 last seconds).
    const fresh = await supervisor.next(
      (message): message is CallMessage => message.type === 'call' && message.event === 'started' && message.call.id !== firstEnded.call.id,
      40_000,
    );
    await supervisor.waitFor(
      (message): message is TranscriptMessage =>
        message.type === 'transcript' && message.transcript.isFinal && message.callId === fresh.call.id,
      40_000,
    );

    const api = HistoryApi.of(gateway);
    const completedBefore = await historyOf(api, firstEnded.call.id);
    expect(completedBefore.call).toMatchObject({ status: 'ended', endReason: 'completed' });

    expect(await gateway.stop('SIGTERM')).toBe(0);
    await supervisor.closed;
    const received = finalsPerCall(supervisor);
    const liveAtShutdown = supervisor.messages
      .filter(endedEvent)
      .filter((event) => event.call.endReason === 'shutdown')
      .map((event) => event.call.id);
    expect(liveAtShutdown.length).toBeGreaterThan(0);

    gateway = await startGateway(storage);
    const restarted = HistoryApi.of(gateway);
    expect(await historyOf(restarted, firstEnded.call.id)).toEqual(completedBefore);

    const listed = (await restarted.listCalls('limit=200')).calls.map((call) => call.id);
    expect(listed).toEqual(expect.arrayContaining([...received.keys()]));
    for (const [callId, finals] of received) {
      // The supervisor may have joined the first call late; from then on it heard every final.
      const stored = (await restarted.transcript(callId)).segments;
      expect(stored.slice(stored.length - finals.length)).toEqual(finals);
    }
    for (const callId of liveAtShutdown) {
      expect(await restarted.getCall(callId)).toMatchObject({ status: 'ended', endReason: 'shutdown' });
    }

    // Search for the longest word of a final the supervisor heard: its call comes back with the line marked.
    const [heardCallId, heardFinals] = [...received.entries()][0];
    const word = heardFinals[0].text.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0];
    const found = await restarted.listCalls(`q=${encodeURIComponent(word)}`);
    const hit = found.calls.find((call) => call.id === heardCallId);
    expect(hit?.matches?.some((match) => match.segmentId === heardFinals[0].id && match.highlighted.includes(`<mark>${word}</mark>`))).toBe(
      true,
    );
  });
});
