/**
 * AudioHook in cluster mode: two gateway processes on one PostgreSQL schema and one Redis prefix
 * remember accepted signature nonces in Redis, so a signed upgrade captured on its way to one
 * instance and replayed to the other is refused there too (issue #16).
 */
import { AudioHookClient, AudioHookUpgradeRefused, signAudioHookRequest } from '@tnt/shared/util-audiohook';
import type { GatewayCluster } from '@tnt/tools/util-gateway-process';
import { randomBytes, randomUUID } from 'node:crypto';
import { startSharedStoreCluster, type SharedStoreCluster } from './support/shared-store-cluster';

// A Genesys integration's credentials, as TNT_AUDIOHOOK_CREDENTIALS pairs them.
const API_KEY = 'genesys-cluster-e2e-key-0001';
const CLIENT_SECRET = Buffer.from('the cluster e2e client secret, 32+ bytes').toString('base64');
const ORGANIZATION = 'd7934305-0972-4844-938e-9060eef73d05';
// Behind the load balancer every instance is reached at one public address: the signed `@authority`.
const PUBLIC_URL = 'https://tnt.example.test';
const TARGET = '/ingest/audiohook';

/** The headers of one signed upgrade, as Genesys sends it (and as someone who captured it would replay it). */
function signedUpgrade(): Record<string, string> {
  const headers: Record<string, string> = {
    'audiohook-organization-id': ORGANIZATION,
    'audiohook-correlation-id': randomUUID(),
    'audiohook-session-id': randomUUID(),
    'x-api-key': API_KEY,
  };
  const created = Math.floor(Date.now() / 1000);
  const signed = signAudioHookRequest(
    { target: TARGET, authority: new URL(PUBLIC_URL).host, headers },
    { apiKey: API_KEY, clientSecret: CLIENT_SECRET },
    { nonce: randomBytes(16).toString('base64url'), created, expires: created + 60 },
  );
  return { ...headers, 'signature-input': signed.signatureInput, signature: signed.signature };
}

/** Sends exactly `headers` to instance `index`: the upgrade's status, 101 when the WebSocket opened. */
async function upgradeTo(
  cluster: GatewayCluster,
  index: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  try {
    const client = await AudioHookClient.connect({
      url: `ws://127.0.0.1:${cluster.instance(index).port}${TARGET}`,
      apiKey: API_KEY,
      headers,
    });
    client.drop();
    return { status: 101, body: '' };
  } catch (error) {
    if (error instanceof AudioHookUpgradeRefused) return { status: error.status, body: error.body };
    throw error;
  }
}

describe('cluster mode: AudioHook nonces every instance shares', () => {
  let shared: SharedStoreCluster;
  let cluster: GatewayCluster;

  beforeAll(async () => {
    shared = await startSharedStoreCluster({
      TNT_PUBLIC_URL: PUBLIC_URL,
      TNT_AUDIOHOOK_CREDENTIALS: `${API_KEY}:${CLIENT_SECRET}`,
      TNT_AUDIOHOOK_ORGANIZATION_IDS: ORGANIZATION,
    });
    cluster = shared.cluster;
  });
  afterAll(() => shared?.stop());

  it('refuses on instance B, with 401, a signed upgrade instance A accepted, and still accepts a fresh one there', async () => {
    const captured = signedUpgrade();
    await expect(upgradeTo(cluster, 0, captured)).resolves.toEqual({ status: 101, body: '' });

    const replayed = await upgradeTo(cluster, 1, captured);
    expect(replayed.status).toBe(401);
    expect(JSON.parse(replayed.body)).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('replayed') });
    // And on A itself, as before.
    await expect(upgradeTo(cluster, 0, captured)).resolves.toMatchObject({ status: 401 });

    // B refused the nonce, not the integration: the same upgrade signed anew is accepted there.
    await expect(upgradeTo(cluster, 1, signedUpgrade())).resolves.toEqual({ status: 101, body: '' });
  });

  it('reports on /metrics that each instance reaches the shared nonce store', async () => {
    for (const index of [0, 1]) {
      const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
      expect({ index, reachable: /^tnt_audiohook_nonce_store_reachable 1$/m.test(text) }).toEqual({ index, reachable: true });
    }
  });
});
