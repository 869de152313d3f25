/**
 * Language texts in cluster mode: two gateway processes on pocketsphinx, one PostgreSQL schema and
 * one Redis prefix. A supervisor saves a domain text on instance 0; instance 1, never asked, reads
 * the stored version on its reload timer and builds the same model itself (a build is ~1.5
 * CPU-minutes; both instances build at once on this machine's two cores, hence the long wait).
 */
import type { LanguageModelStatus } from '@tnt/protocol';
import { eventually } from '@tnt/shared/util-testing/eventually';
import type { GatewayCluster } from '@tnt/tools/util-gateway-process';
import { startSharedStoreCluster, type SharedStoreCluster } from './support/shared-store-cluster';

/** `zyxel` is not in the generic en-us dictionary: a model built from this text adds it. */
const DOMAIN_TEXT = ['my zyxel router is down', 'the fibre light on my zyxel is red', 'i restarted the router twice'].join('\n');
/** Two builds at once on two shared cores: a generous bound for both, far under Jest's timeout below. */
const BUILD_TIMEOUT_MS = 6 * 60_000;

jest.setTimeout(BUILD_TIMEOUT_MS + 120_000);

/** The gauge `tnt_language_texts_version` of instance `index`: the stored version it built or is building. */
async function textsVersion(cluster: GatewayCluster, index: number): Promise<number> {
  const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('tnt_language_texts_version '));
  if (!line) throw new Error(`instance ${index} has no tnt_language_texts_version metric`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('cluster mode: language texts every instance builds', () => {
  let shared: SharedStoreCluster;
  let cluster: GatewayCluster;
  let headers: Record<string, string>;

  beforeAll(async () => {
    shared = await startSharedStoreCluster({ TNT_ENGINE: 'pocketsphinx' });
    cluster = shared.cluster;
    const { token } = await cluster.addUser('language-lead', 'supervisor');
    headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }, 120_000);
  afterAll(() => shared?.stop());

  const status = async (index: number): Promise<LanguageModelStatus> =>
    (await (await fetch(`${cluster.instanceUrl(index)}/api/language`, { headers })).json()) as LanguageModelStatus;

  it('builds texts saved on one instance on the other, which reports them in use with the added word', async () => {
    expect(await status(1)).toMatchObject({ state: 'generic', domainText: '' });
    expect(await textsVersion(cluster, 1)).toBe(0);

    const saved = await fetch(`${cluster.instanceUrl(0)}/api/language`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ domainText: DOMAIN_TEXT, vocabulary: '' }),
    });
    expect(saved.status).toBe(202);
    expect(await saved.json()).toMatchObject({ state: 'building', domainText: DOMAIN_TEXT, domainTextFile: 'api domain text' });

    // Instance 1 was not asked: it reads the stored version on its 2 s reload timer and starts its own build.
    await eventually(async () => (await textsVersion(cluster, 1)) === 1, "instance 1's tnt_language_texts_version is 1", {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
    expect(await status(1)).toMatchObject({ state: 'building', domainText: DOMAIN_TEXT });

    const built = await eventually(
      async () => {
        const answer = await status(1);
        if (answer.state === 'failed') throw new Error(`the build on instance 1 failed: ${answer.error}`);
        return answer.state === 'in-use' && answer;
      },
      'instance 1 reports the saved texts in use',
      { timeoutMs: BUILD_TIMEOUT_MS, intervalMs: 2_000 },
    );
    expect(built).toMatchObject({ domainText: DOMAIN_TEXT, domainTextFile: 'api domain text', sentences: 3, error: null });
    expect(built.addedWords).toContain('zyxel');
    expect(await textsVersion(cluster, 1)).toBe(1);
  });
});
