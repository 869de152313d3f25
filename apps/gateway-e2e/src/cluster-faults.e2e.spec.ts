/**
 * Cluster mode under faults: three gateways on one PostgreSQL schema and a private Redis (so Redis
 * can be restarted), behind real HAProxy. One instance owns each call (its audio goes there);
 * supervisors ('*') and agents (the call) are spread over all three through the load balancer, and
 * a witness is connected straight to instance 0, which is never harmed. Each case then checks, for
 * every client, the protocol's guarantees with `deliveryViolations`: per call strictly increasing
 * seqs, nothing after `ended`, no silent gap, and finals equal to the stored transcript.
 *
 * The scripted engine (a labelled simulation) makes the speech deterministic; the lease is short
 * (3 s, renewed every second) so a dead owner's calls end within a few seconds.
 */
import type { CallMessage, TranscriptSegment } from '@tnt/protocol';
import { RedisServerProcess } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { isRunning, startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { deliveryViolations } from '@tnt/tools/util-protocol-client';
import { randomBytes } from 'node:crypto';
import { openPlaced } from './support/cluster-placement';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { IngestCall } from './support/ingest-call';
import { ResumingClient } from './support/resuming-client';

const LEASE_MS = 3000;
const WITNESS = 0;
const AGENT_ID = 'agent-cluster';
/** A scripted conversation is about 35 s of audio: at 5 × real time, a call lasts about 7 s. */
const SPEED = 5;
const CONVERSATION_MS = 36_000;

jest.setTimeout(90_000);

describe('cluster: every client stays whole when instances die, pause or lose Redis', () => {
  let redis: RedisServerProcess;
  const schema = randomSchemaName();
  const dataDir = temporaryDataDir();
  let cluster: GatewayCluster;
  let supervisorToken: string;
  let agentToken: string;
  const clients: ResumingClient[] = [];
  const ingests: IngestCall[] = [];

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    cluster = await startGatewayCluster({
      instances: 3,
      env: {
        TNT_STORE: 'postgres',
        TNT_BUS: 'redis',
        TNT_ENGINE: 'scripted',
        TNT_DATABASE_URL: TEST_DATABASE_URL,
        TNT_DATABASE_SCHEMA: schema,
        TNT_REDIS_URL: redis.url,
        TNT_REDIS_PREFIX: `tnt-e2e-${randomBytes(4).toString('hex')}:`,
        TNT_LEASE_MS: String(LEASE_MS),
        TNT_LEASE_RENEW_MS: '1000',
        // One users file for all three (the store is PostgreSQL), so each user is written once.
        TNT_DATA_DIR: dataDir.path,
      },
    });
    supervisorToken = (await cluster.addUser('cluster-lead', 'supervisor')).token;
    agentToken = (await cluster.addUser('cluster-agent', 'agent', AGENT_ID)).token;
  }, 120_000);

  afterEach(async () => {
    for (const ingest of ingests.splice(0)) ingest.cut();
    await Promise.all(clients.splice(0).map((client) => client.close()));
    // Every case starts on three healthy instances.
    for (let index = 0; index < cluster.size; index++) {
      if (!isRunning(cluster.instance(index).child)) await cluster.restart(index);
    }
    for (let index = 0; index < cluster.size; index++) await waitInRotation(index);
  });

  /** Waits until HAProxy has the instance UP again; if it does not come, says why: its `/readyz` and what it printed last. */
  async function waitInRotation(index: number): Promise<void> {
    try {
      await cluster.haproxy.waitForBackendStatus(index, 'UP', 20_000);
    } catch (error) {
      const readyz = await fetch(`${cluster.instanceUrl(index)}/readyz`).then(
        async (response) => `${response.status} ${await response.text()}`,
        (failure: Error) => failure.message,
      );
      const printed = cluster.instance(index).output().split('\n').slice(-15).join('\n');
      throw new Error(`${(error as Error).message}\n/readyz: ${readyz}\nlast output:\n${printed}`);
    }
  }

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    await dropSchema(schema);
    dataDir.remove();
  });

  /** The witness (straight to instance 0) and three supervisors through HAProxy, on '*' before the call starts. */
  async function openSupervisors(): Promise<{ witness: ResumingClient; placed: Map<ResumingClient, number> }> {
    const witness = await ResumingClient.open({
      name: 'witness',
      url: cluster.instance(WITNESS).wsUrl,
      token: supervisorToken,
      callId: '*',
    });
    clients.push(witness);
    const placed = new Map<ResumingClient, number>();
    for (let count = 1; count <= 3; count++) {
      const { client, instance } = await openPlaced(cluster, () =>
        ResumingClient.open({ name: `supervisor-${count}`, url: cluster.wsUrl, token: supervisorToken, callId: '*' }),
      );
      clients.push(client);
      placed.set(client, instance);
    }
    return { witness, placed };
  }

  /** Three agents through HAProxy, each subscribed to the call (a snapshot first). */
  async function openAgents(callId: string, placed: Map<ResumingClient, number>): Promise<void> {
    for (let count = 1; count <= 3; count++) {
      const { client, instance } = await openPlaced(cluster, () =>
        ResumingClient.open({ name: `agent-${count}`, url: cluster.wsUrl, token: agentToken, callId }),
      );
      clients.push(client);
      placed.set(client, instance);
    }
  }

  /** The clients the load balancer gave to instance `index`. */
  function clientsOf(placed: Map<ResumingClient, number>, index: number): ResumingClient[] {
    return [...placed].filter(([, instance]) => instance === index).map(([client]) => client);
  }

  /** A call whose audio goes to instance `owner`, watched by every client; resolves once the witness has a final of it. */
  async function callOn(owner: number, audioMs = CONVERSATION_MS) {
    const callId = `cluster-${randomBytes(6).toString('hex')}`;
    const { witness, placed } = await openSupervisors();
    const ingest = await IngestCall.open({
      baseUrl: cluster.instanceUrl(owner),
      ingestApiKey: cluster.ingestApiKey,
      callId,
      agentId: AGENT_ID,
      speed: SPEED,
      audioMs,
    });
    ingests.push(ingest);
    await witness.until((client) => client.eventsOf(callId).length > 0, `call ${callId} started`);
    await openAgents(callId, placed);
    // Every instance must serve someone, or a fault on it would test nothing.
    expect(new Set(placed.values())).toEqual(new Set([0, 1, 2]));
    await witness.until(
      (client) => client.eventsOf(callId).some((event) => event.type === 'transcript' && event.transcript.isFinal),
      `a final of ${callId}`,
    );
    return { callId, witness, placed, ingest };
  }

  /** The call's stored finals, the same on every running instance. */
  async function storedFinals(callId: string): Promise<TranscriptSegment[]> {
    const answers: TranscriptSegment[][] = [];
    for (let index = 0; index < cluster.size; index++) {
      if (!isRunning(cluster.instance(index).child)) continue;
      answers.push((await new HistoryApi(cluster.instanceUrl(index), supervisorToken).transcript(callId)).segments);
    }
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    return answers[0];
  }

  /** Waits until every client has seen the call end and has nothing more in flight, then checks the guarantees. */
  async function expectEveryClientWhole(callId: string, timeoutMs = 20_000): Promise<CallMessage> {
    await Promise.all(clients.map((client) => client.untilEnded(callId, timeoutMs)));
    await Promise.all(clients.map((client) => client.settled()));
    const stored = await storedFinals(callId);
    expect(stored.length).toBeGreaterThan(0);
    const violations = deliveryViolations(
      clients.map((client) => client.record([callId])),
      { storedFinals: new Map([[callId, stored]]) },
    );
    expect(violations).toEqual([]);
    return clients[0].endedEvent(callId) as CallMessage;
  }

  it('resumes through HAProxy, with since and nothing missed, the clients of a killed instance that served only dashboards', async () => {
    const { callId, placed } = await callOn(1);
    await cluster.kill(2, 'SIGKILL');
    const moved = clientsOf(placed, 2);
    await Promise.all(moved.map((client) => client.resumed()));

    const ended = await expectEveryClientWhole(callId);
    expect(ended.call.endReason).toBe('completed');
    expect(moved.length).toBeGreaterThan(0);
    // Every instance holds every call's events (the firehose fills each one's ring): nothing to snapshot.
    for (const client of moved) expect(client.resumptionsOf(callId)).toEqual([true]);
  });

  it('ends the call of a killed owner as interrupted within the lease and a few seconds, for every client', async () => {
    const { callId, witness, placed } = await callOn(1);
    await cluster.kill(1, 'SIGKILL');

    await witness.untilEnded(callId, LEASE_MS + 5000);
    const ended = await expectEveryClientWhole(callId);
    expect(ended.call).toMatchObject({ status: 'ended', endReason: 'interrupted' });
    for (const client of clientsOf(placed, 1)) expect(client.resumptionsOf(callId)).toEqual([true]);
  });

  it('continues the numbering after the last seq when the killed owner’s call is reconnected to another instance', async () => {
    const { callId, witness, placed } = await callOn(1);
    await cluster.kill(1, 'SIGKILL');
    const lastSeenBeforeKill = witness.lastSeqOf(callId);

    const reconnected = await IngestCall.open({
      baseUrl: cluster.instanceUrl(2),
      ingestApiKey: cluster.ingestApiKey,
      callId,
      agentId: AGENT_ID,
      speed: SPEED,
      audioMs: 12_000,
    });
    ingests.push(reconnected);
    await witness.until(
      (client) => client.eventsOf(callId).some((event) => event.type === 'call' && event.event === 'updated'),
      `the take-over of ${callId}`,
    );
    const updated = witness.eventsOf(callId).find((event) => event.type === 'call' && event.event === 'updated') as CallMessage;
    expect(updated.seq).toBeGreaterThan(lastSeenBeforeKill);

    const ended = await expectEveryClientWhole(callId);
    expect(ended.call.endReason).toBe('completed');
    const finalsAfterTakeOver = witness
      .eventsOf(callId)
      .filter((event) => event.type === 'transcript' && event.transcript.isFinal && event.seq > updated.seq);
    expect(finalsAfterTakeOver.length).toBeGreaterThan(0);
    for (const client of clientsOf(placed, 1)) expect(client.resumptionsOf(callId)).toEqual([true]);
  });

  it('fences an owner paused past its lease: after SIGCONT its ingest socket is closed and nothing it sends reaches anyone', async () => {
    // Audio for longer than the case lasts: the owner has segments left to send when it wakes up.
    const { callId, witness, ingest } = await callOn(1, 3 * CONVERSATION_MS);
    await cluster.kill(1, 'SIGSTOP');
    try {
      await witness.untilEnded(callId, LEASE_MS + 5000);
      expect(witness.endedEvent(callId)?.call.endReason).toBe('interrupted');
    } finally {
      await cluster.kill(1, 'SIGCONT');
    }

    const { code, reason } = await ingest.closed;
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1008, reason: 'INGEST_CALL_MOVED' });
    const ended = await expectEveryClientWhole(callId);
    expect(ended.call.endReason).toBe('interrupted');
  });

  it('loses and doubles no event of a call when Redis restarts mid-call', async () => {
    const { callId, witness } = await callOn(1);
    await redis.stop();
    const seqAtOutage = witness.lastSeqOf(callId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.restart();

    await witness.until((client) => client.lastSeqOf(callId) > seqAtOutage + 5, `events of ${callId} after Redis came back`);
    const ended = await expectEveryClientWhole(callId, 30_000);
    expect(ended.call.endReason).toBe('completed');
  });
});
