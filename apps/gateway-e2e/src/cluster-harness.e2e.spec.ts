/**
 * The cluster harness itself: three gateways behind real HAProxy, each on its own data directory
 * and in-process bus (cluster mode, shared PostgreSQL and Redis, is not what is tested here), so
 * only the load balancer's part is checked: round robin of UI sockets, `/readyz` health checks,
 * and clients of a killed instance landing on the others.
 */
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { startGatewayCluster, startHaproxy, type GatewayCluster, type HaproxyProcess } from '@tnt/tools/util-gateway-process';
import { ReadinessFault } from './support/readiness-fault';

/** `tnt_ui_connections` of one instance, read from its own `/metrics`. */
async function uiConnections(cluster: GatewayCluster, index: number): Promise<number> {
  const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('tnt_ui_connections '));
  if (!line) throw new Error(`instance ${index} has no tnt_ui_connections metric`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** The connection gauge of every instance still running, polled until `expected` holds (gauges drop when the server sees the close). */
async function connectionsSettleAt(
  cluster: GatewayCluster,
  instances: number[],
  expected: number[],
  timeoutMs = 10_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(instances.map((index) => uiConnections(cluster, index)));
    if (counts.every((count, position) => count === expected[position]) || Date.now() >= deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('cluster harness: three gateways behind HAProxy', () => {
  let cluster: GatewayCluster;
  let token: string;
  const clients: ProtocolClient[] = [];
  const connect = async (url = cluster.wsUrl) => {
    const client = await ProtocolClient.connect(url, { token });
    clients.push(client);
    return client;
  };
  const closeAll = async () => {
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => client.socket.terminate())));
  };

  beforeAll(async () => {
    cluster = await startGatewayCluster({ instances: 3 });
    token = (await cluster.addUser('cluster-supervisor', 'supervisor')).token;
  });
  afterEach(closeAll);
  afterAll(async () => {
    await closeAll();
    await cluster?.stop();
  });

  it('spreads UI sockets opened through HAProxy round robin over every instance', async () => {
    for (let count = 0; count < 6; count++) await connect();
    expect(await connectionsSettleAt(cluster, [0, 1, 2], [2, 2, 2])).toEqual([2, 2, 2]);
    expect((await cluster.haproxy.servers()).map((server) => server.status)).toEqual(['UP', 'UP', 'UP']);
  });

  it('takes an instance whose /readyz answers 503 out of rotation and keeps the sockets it holds', async () => {
    // A second HAProxy whose second server is instance 1 seen through the fault relay.
    const fault = await ReadinessFault.inFrontOf(cluster.instance(1).port);
    let haproxy: HaproxyProcess | undefined;
    try {
      haproxy = await startHaproxy({
        backends: [cluster.instance(0).port, fault.port, cluster.instance(2).port].map((port) => ({ host: '127.0.0.1', port })),
      });
      const before = await Promise.all([0, 1, 2].map((index) => uiConnections(cluster, index)));
      const held = await Promise.all([1, 2, 3].map(() => connect(haproxy?.wsUrl)));
      expect(await connectionsSettleAt(cluster, [0, 1, 2], [before[0] + 1, before[1] + 1, before[2] + 1])).toEqual([1, 1, 1]);

      fault.notReady = true;
      expect((await haproxy.waitUntilBackendDown(1)).checkStatus).toBe('L7STS');
      for (let count = 0; count < 4; count++) await connect(haproxy.wsUrl);
      expect(await connectionsSettleAt(cluster, [0, 1, 2], [3, 1, 3])).toEqual([3, 1, 3]);
      // Not ready means no new sessions; the one it holds stays (no on-marked-down shutdown-sessions).
      await expect(held[1].ping()).resolves.toMatchObject({ type: 'pong' });

      fault.notReady = false;
      await haproxy.waitForBackendStatus(1, 'UP');
    } finally {
      await closeAll();
      await haproxy?.stop();
      await fault.close();
    }
  });

  it('sends the clients of an instance killed with SIGKILL, reconnecting through HAProxy, to the others', async () => {
    const first = await Promise.all([1, 2, 3, 4, 5, 6].map(() => connect()));
    expect(await connectionsSettleAt(cluster, [0, 1, 2], [2, 2, 2])).toEqual([2, 2, 2]);

    await cluster.kill(1, 'SIGKILL');
    const stillOpen = new Promise((resolve) => setTimeout(resolve, 2000, 'open'));
    const outcomes = await Promise.all(first.map((client) => Promise.race([client.closed, stillOpen])));
    expect(outcomes.filter((outcome) => outcome !== 'open')).toHaveLength(2);

    // At once, before any health check noticed: HAProxy redispatches a refused connection to another server.
    await connect();
    await connect();
    const afterReconnect = await connectionsSettleAt(cluster, [0, 2], [3, 3]);
    expect(afterReconnect[0] + afterReconnect[1]).toBe(6);
    expect((await cluster.haproxy.waitUntilBackendDown(1)).checkStatus).toMatch(/^L4/);
    for (let count = 0; count < 4; count++) await connect();
    expect(await connectionsSettleAt(cluster, [0, 2], [afterReconnect[0] + 2, afterReconnect[1] + 2])).toEqual([
      afterReconnect[0] + 2,
      afterReconnect[1] + 2,
    ]);

    await cluster.restart(1);
    await cluster.haproxy.waitForBackendStatus(1, 'UP');
    expect(await uiConnections(cluster, 1)).toBe(0);
  });

  it('takes a paused instance (SIGSTOP) out of rotation when its checks time out, and back after SIGCONT', async () => {
    await cluster.kill(2, 'SIGSTOP');
    try {
      expect((await cluster.haproxy.waitUntilBackendDown(2)).checkStatus).toBe('L7TOUT');
      for (let count = 0; count < 4; count++) await connect();
      expect(await connectionsSettleAt(cluster, [0, 1], [2, 2])).toEqual([2, 2]);
    } finally {
      await cluster.kill(2, 'SIGCONT');
    }
    await cluster.haproxy.waitForBackendStatus(2, 'UP');
  });
});
