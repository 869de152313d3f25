import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { join } from 'node:path';
import type { ModulesMode } from './on-off-summary';

/** A webhook secret for the benchmark's own receiver (it does not check signatures; the gateway still signs). */
const BENCH_WEBHOOK_SECRET = 'bench-modules-webhook-secret';

/**
 * The gateway's switch for every module, as the README's configuration names them:
 * - on: the transcript formatter and PII redaction (both on by default), sentiment (on by default),
 *   talk metrics (`TNT_TALK_METRICS`, off by default), phrase alerts with the demo's rules
 *   (`TNT_ALERT_RULES_FILE`), agent assist with the demo's cards (`TNT_ASSIST_CARDS_FILE`) and
 *   webhooks to `webhookUrl` (`TNT_WEBHOOK_URLS`);
 * - off: every switch off. Phrase alerts have no switch (their rules live in the store, supervisors
 *   add them): off, the store starts with no rule, so the processor returns each segment at once.
 */
export function modulesEnv(mode: ModulesMode, webhookUrl: string): Record<string, string> {
  // Both modes store calls in SQLite, so every call can be read back (what the modules did is counted
  // from the stored calls) and the store's cost is the same on both sides.
  const store = { TNT_STORE: 'sqlite' };
  if (mode === 'off') {
    return {
      ...store,
      TNT_FORMAT_TRANSCRIPTS: '0',
      TNT_REDACTION: '0',
      TNT_SENTIMENT: '0',
      TNT_TALK_METRICS: '0',
      TNT_ALERT_RULES_FILE: '',
      TNT_ASSIST_CARDS_FILE: '',
      TNT_WEBHOOK_URLS: '',
    };
  }
  const fixtures = join(workspaceRoot(), 'tools', 'fixtures', 'demo');
  return {
    ...store,
    TNT_FORMAT_TRANSCRIPTS: '1',
    TNT_REDACTION: '1',
    TNT_SENTIMENT: '1',
    TNT_TALK_METRICS: '1',
    TNT_ALERT_RULES_FILE: join(fixtures, 'alert-rules.json'),
    TNT_ASSIST_CARDS_FILE: join(fixtures, 'assist-cards.json'),
    TNT_WEBHOOK_URLS: webhookUrl,
    TNT_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
  };
}
