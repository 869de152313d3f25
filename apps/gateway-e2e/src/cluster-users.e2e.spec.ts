/**
 * Users in cluster mode: two gateway processes on one PostgreSQL schema and one Redis prefix sign in
 * the same users from the shared users table, which the users CLI (TNT_STORE=postgres) writes once.
 */
import { USERS_CLI, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSharedStoreCluster, type SharedStoreCluster } from './support/shared-store-cluster';

/** `POST /api/auth/login` on one instance, bypassing HAProxy. */
async function login(baseUrl: string, username: string, password: string): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, token: body.token };
}

/** `GET /api/auth/me` on one instance. */
async function me(baseUrl: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

describe('cluster mode: the users every instance shares', () => {
  let shared: SharedStoreCluster;
  let cluster: GatewayCluster;

  beforeAll(async () => {
    shared = await startSharedStoreCluster();
    cluster = shared.cluster;
  });
  afterAll(() => shared?.stop());

  it('signs a user the users CLI added once in on every instance, over HTTP and the UI socket', async () => {
    const user = await cluster.addUser('shared-agent', 'agent', 'agent-3');
    for (const index of [0, 1]) {
      const signedIn = await login(cluster.instanceUrl(index), 'shared-agent', user.password);
      expect(signedIn.status).toBe(200);
      const token = signedIn.token as string;
      // A token one instance issued is good on the other: the secret and the user are shared.
      const other = cluster.instanceUrl(1 - index);
      await expect(me(other, token)).resolves.toEqual({
        status: 200,
        body: expect.objectContaining({ username: 'shared-agent', role: 'agent', agentId: 'agent-3' }),
      });
      const client = await ProtocolClient.connect(`ws://127.0.0.1:${cluster.instance(1 - index).port}/ws`, { token });
      try {
        await expect(client.ping()).resolves.toMatchObject({ type: 'pong' });
      } finally {
        await client.close();
      }
    }
    await expect(login(cluster.instanceUrl(1), 'shared-agent', 'not the password')).resolves.toMatchObject({ status: 401 });
  });

  it('refuses on every instance, at once, the token of a user the users CLI removed', async () => {
    const user = await cluster.addUser('leaving-supervisor', 'supervisor');
    await expect(me(cluster.instanceUrl(1), user.token)).resolves.toMatchObject({ status: 200 });
    await promisify(execFile)(process.execPath, [USERS_CLI, 'remove', 'leaving-supervisor'], { env: { ...process.env, ...cluster.env } });
    for (const index of [0, 1]) await expect(me(cluster.instanceUrl(index), user.token)).resolves.toMatchObject({ status: 401 });
  });
});
