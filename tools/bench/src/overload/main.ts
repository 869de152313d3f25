/**
 * Overload benchmark (issue 13, "refuse, don't drown"): one instance with real pocketsphinx is
 * offered about twice the calls it can carry, at real time. It should refuse the extra calls at
 * their start (1013 INGEST_AT_CAPACITY) and keep the accepted ones within the latency bar; the
 * baseline, in the same run, is the same instance with refusing switched off.
 *
 *   npm run bench:overload [-- --lines 16 --window-s 150 --baseline-window-s 60 --no-baseline]
 *
 * `--instances N` (default 1) offers the same load to N instances behind HAProxy instead
 * (TNT_STORE=postgres, TNT_BUS=redis, a schema and key prefix of the run's own, dropped after):
 * HAProxy places the calls and answers HTTP 503 once every instance is out of rotation; the report
 * is `overload-cluster`. On one machine the instances share its cores: placement and refusal, not scaling.
 *        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379]
 * `--instance-env KEY=VALUE` (repeatable) adds a setting to every gateway started, e.g. TNT_CAPACITY_CORES=0.67.
 */
import { fixtureConversations } from '@tnt/tools/feature-simulator';
import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SharedServices } from '../cluster/cluster-target';
import { publish } from '../support/report';
import { offerLoad, type OfferedLoadOutcome } from './offered-load';
import { startOverloadCluster, startSingleGateway, type OverloadGateways } from './overload-gateways';
import { clusterReport, FINAL_P95_BAR_MS, singleInstanceReport } from './overload-report';

/** How long a line waits after a refusal (1013 or HTTP 503) before it dials again. */
const REDIAL_AFTER_REFUSAL_MS = 2000;

function options() {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '16' },
      'window-s': { type: 'string', default: '150' },
      'baseline-window-s': { type: 'string', default: '60' },
      'no-baseline': { type: 'boolean', default: false },
      instances: { type: 'string', default: '1' },
      'instance-env': { type: 'string', multiple: true, default: [] },
      'database-url': { type: 'string', default: process.env['TNT_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      'redis-url': { type: 'string', default: process.env['TNT_REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
    },
  });
  const positive = (name: string, value: string | undefined): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer (got ${value})`);
    return number;
  };
  const instanceEnv: Record<string, string> = {};
  for (const setting of values['instance-env'] ?? []) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(setting);
    if (!match) throw new Error(`--instance-env must be KEY=VALUE with an upper-case KEY (got ${setting})`);
    instanceEnv[match[1]] = match[2];
  }
  return {
    lines: positive('lines', values.lines),
    windowSeconds: positive('window-s', values['window-s']),
    baselineWindowSeconds: positive('baseline-window-s', values['baseline-window-s']),
    baseline: values['no-baseline'] !== true,
    instances: positive('instances', values.instances),
    instanceEnv,
    services: { databaseUrl: values['database-url'] as string, redisUrl: values['redis-url'] as string } satisfies SharedServices,
  };
}

/** A service URL as a report may show it: `postgres://host:5432/db`, without the user and password. */
function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

/** `uptime`'s load averages, from /proc/loadavg. */
function loadAverages(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function summary(label: string, outcome: OfferedLoadOutcome): string {
  const instances = outcome.instances
    .map((figures, index) => `#${index} in progress ${figures.activeCallsMean.toFixed(1)}/${figures.activeCallsMax}`)
    .join(', ');
  return (
    `${label}: offered ${outcome.offered}, accepted ${outcome.accepted}, refused ${outcome.refusedAtCapacity} (1013) + ` +
    `${outcome.refusedByBalancer} (HTTP 503), failed while streaming ${outcome.failedWhileStreaming}, ` +
    `final p50 ${Math.round(outcome.finalLatencyP50)} ms, p95 ${Math.round(outcome.finalLatencyP95)} ms ` +
    `(bar ${FINAL_P95_BAR_MS}), starved ${outcome.starved}; ${instances}`
  );
}

async function main(): Promise<void> {
  const chosen = options();
  const loadAtStart = loadAverages();
  const conversations = await fixtureConversations(join(workspaceRoot(), 'tools', 'fixtures', 'conversations'));
  const start = (env: Record<string, string>): Promise<OverloadGateways> => {
    const all = { ...chosen.instanceEnv, ...env };
    return chosen.instances === 1 ? startSingleGateway(all) : startOverloadCluster(chosen.instances, chosen.lines, all, chosen.services);
  };
  const run = async (env: Record<string, string>, windowSeconds: number): Promise<OfferedLoadOutcome> => {
    const gateways = await start(env);
    try {
      return await offerLoad({
        baseUrl: gateways.baseUrl,
        instanceUrls: gateways.instanceUrls,
        credentials: gateways.credentials,
        conversations,
        lines: chosen.lines,
        windowMs: windowSeconds * 1000,
        redialAfterRefusalMs: REDIAL_AFTER_REFUSAL_MS,
        barMs: FINAL_P95_BAR_MS,
      });
    } finally {
      await gateways.stop();
    }
  };
  const shape = chosen.instances === 1 ? '1 instance' : `${chosen.instances} instances behind HAProxy`;
  const refusing = await run({}, chosen.windowSeconds);
  console.error(summary(`${shape}, refusing at capacity`, refusing));
  const baseline = chosen.baseline ? await run({ TNT_CAPACITY_REFUSE_CALLS: '0' }, chosen.baselineWindowSeconds) : null;
  if (baseline) console.error(summary(`${shape}, baseline taking every call`, baseline));
  const setup = {
    instances: chosen.instances,
    lines: chosen.lines,
    windowSeconds: chosen.windowSeconds,
    baselineWindowSeconds: chosen.baselineWindowSeconds,
    redialAfterRefusalMs: REDIAL_AFTER_REFUSAL_MS,
    instanceEnv: chosen.instanceEnv,
    ...(chosen.instances > 1
      ? { services: `${withoutCredentials(chosen.services.databaseUrl)} and ${withoutCredentials(chosen.services.redisUrl)}` }
      : {}),
    loadAtStart,
    loadAtEnd: loadAverages(),
  };
  publish(chosen.instances === 1 ? singleInstanceReport(setup, refusing, baseline) : clusterReport(setup, refusing, baseline));
}

main().then(
  // Nothing must keep running once the report is out (a socket or timer left by a failed stop).
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
