import { fixtureConversations, type GatewayCredentials } from '@tnt/tools/feature-simulator';
import { startGateway, workspaceRoot, type GatewayAccess } from '@tnt/tools/util-gateway-process';
import { join } from 'node:path';
import { streamingRate } from './accuracy';
import { batchRateWith, buildModelFrom, domainBars, GENERIC_MODEL, waitForLanguageModel, type DomainAccuracy } from './domain-language';

const FIXTURES = join(workspaceRoot(), 'tools', 'fixtures', 'domain-support');
const VARIANTS = [
  { model: 'generic', text: null },
  { model: 'domain', text: join(FIXTURES, 'domain-text.txt') },
  { model: 'mismatched', text: join(FIXTURES, 'mismatched-domain-text.txt') },
] as const;

/**
 * Word error rates on the broadband-support fixture calls with the generic model, a model built
 * from a matching support text and one built from a veterinary text: TnT streaming (a gateway
 * started with TNT_DOMAIN_TEXT_FILE, measured once its model is in use) beside the batch CLI
 * given the same model, built here from the same file.
 */
export async function measureDomainModels(access: GatewayAccess, speed: number): Promise<DomainAccuracy[]> {
  const conversations = await fixtureConversations(join(FIXTURES, 'conversations'));
  const credentials: GatewayCredentials = { ingestApiKey: access.ingestApiKey, token: access.supervisorToken };
  const results: DomainAccuracy[] = [];
  for (const variant of VARIANTS) {
    const built = variant.text ? await buildModelFrom(variant.text) : null;
    const batchModel = built ?? GENERIC_MODEL;
    const [batch16k, batch8k] = [
      await batchRateWith(conversations, batchModel, false),
      await batchRateWith(conversations, batchModel, true),
    ];
    const env = {
      ...access.env,
      TNT_ENGINE: 'pocketsphinx',
      TNT_REDACTION: '0',
      // Word error rate, not capacity: a call the admission control refused on a busy machine would end the run.
      TNT_CAPACITY_REFUSE_CALLS: '0',
      ...(variant.text ? { TNT_DOMAIN_TEXT_FILE: variant.text } : {}),
    };
    const gateway = await startGateway(env, 60_000);
    try {
      const baseUrl = `http://127.0.0.1:${gateway.port}`;
      const status = variant.text ? await waitForLanguageModel(baseUrl, access.supervisorToken) : null;
      const streaming16k = await streamingRate(baseUrl, credentials, 'l16', conversations, speed);
      const streaming8k = await streamingRate(baseUrl, credentials, 'twilio', conversations, speed);
      results.push({
        model: variant.model,
        domainWeight: status?.domainWeight ?? null,
        streaming16k,
        streaming8k,
        batch16k,
        batch8k,
        buildMs: built?.buildMs ?? null,
      });
      console.error(
        `${variant.model}: streaming ${streaming16k.toFixed(3)} / ${streaming8k.toFixed(3)}, ` +
          `batch ${batch16k.toFixed(3)} / ${batch8k.toFixed(3)}`,
      );
    } finally {
      await gateway.stop();
    }
  }
  return results;
}

/** Report rows: each model's WER at each rate beside the batch CLI's, with issue 14's bar. */
export function domainRows(results: readonly DomainAccuracy[]): (string | number)[][] {
  const generic = results.find((result) => result.model === 'generic') as DomainAccuracy;
  const rows: (string | number)[][] = [];
  for (const result of results) {
    const bars = result.model === 'generic' ? null : domainBars(generic, result);
    for (const [index, rate] of ['16 kHz', '8 kHz'].entries()) {
      const value = index === 0 ? result.streaming16k : result.streaming8k;
      const batch = index === 0 ? result.batch16k : result.batch8k;
      const weight = result.domainWeight === null ? '' : `, weight ${result.domainWeight}`;
      const bar = bars?.[index];
      rows.push([
        `WER support calls, ${rate}, ${result.model} model${weight}`,
        value,
        `batch CLI ${batch.toFixed(3)}${bar ? `; bar ≤ ${bar.bar.toFixed(3)}` : ''}`,
        bar ? (bar.value <= bar.bar ? 'met' : 'missed') : 'measured',
      ]);
    }
  }
  return rows;
}
