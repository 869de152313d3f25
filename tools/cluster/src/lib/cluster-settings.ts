import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** What `npm run cluster` runs, from its arguments and environment. */
export interface ClusterSettings {
  readonly instances: number;
  /** Where HAProxy listens: the one address people and telephony use. */
  readonly host: string;
  readonly port: number;
  /** HAProxy's statistics page. */
  readonly statsPort: number;
  /** Concurrent demo calls streamed through HAProxy's ingest (0: none). */
  readonly demoCalls: number;
  readonly demoSpeed: number;
  /** Every instance's environment: cluster mode unless TNT_STORE / TNT_BUS say otherwise. */
  readonly instanceEnv: Readonly<Record<string, string>>;
  /** Instance `i` keeps its data directory (users today, nothing in cluster mode) under `<dataDir>/instance-<i>`. */
  readonly dataDir: string;
}

export const CLUSTER_USAGE = `npm run cluster -- [--instances 3] [--port 8080] [--host 127.0.0.1] [--stats-port 8404]
                   [--demo-calls 3] [--demo-speed 1]

Starts N gateways (TNT_STORE=postgres TNT_BUS=redis unless set) behind HAProxy, with demo calls
streamed through HAProxy's /ingest/l16. Every TNT_* variable is passed to the instances;
TNT_CLUSTER_PORT and TNT_CLUSTER_INSTANCES set the defaults of --port and --instances. The instances
share this machine's cores, so each counts its share for speech capacity (TNT_CAPACITY_CORES, unless set).`;

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${text}")`);
  return value;
}

/**
 * Reads the launcher's settings; throws with a message naming the argument when one is wrong.
 * TNT_STORE and TNT_BUS default to cluster mode (postgres + redis); they may be overridden, e.g.
 * `TNT_STORE=memory TNT_BUS=local` runs independent instances behind HAProxy (no shared calls).
 * The instances share `machineCores`: each judges its speech capacity against its share of them.
 */
export function readClusterSettings(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  workspaceRoot: string,
  machineCores = availableParallelism(),
): ClusterSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      instances: { type: 'string', default: env['TNT_CLUSTER_INSTANCES'] ?? '3' },
      port: { type: 'string', default: env['TNT_CLUSTER_PORT'] ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'stats-port': { type: 'string', default: '8404' },
      'demo-calls': { type: 'string', default: env['TNT_DEMO_CALLS'] ?? '3' },
      'demo-speed': { type: 'string', default: env['TNT_DEMO_SPEED'] ?? '1' },
    },
  });
  const demoSpeed = Number(values['demo-speed']);
  if (!Number.isFinite(demoSpeed) || demoSpeed <= 0 || demoSpeed > 100)
    throw new Error(`--demo-speed must be a number above 0 and at most 100 (got "${values['demo-speed']}")`);
  const passed = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith('TNT_') && entry[1] !== undefined),
  );
  const instances = integer('instances', values.instances as string, 1, 32);
  return {
    instances,
    host: values.host as string,
    port: integer('port', values.port as string, 1, 65535),
    statsPort: integer('stats-port', values['stats-port'] as string, 1, 65535),
    demoCalls: integer('demo-calls', values['demo-calls'] as string, 0, 100),
    demoSpeed,
    instanceEnv: {
      TNT_STORE: 'postgres',
      TNT_BUS: 'redis',
      TNT_ENGINE: 'pocketsphinx',
      TNT_LOG_FORMAT: 'text',
      // Left to itself each instance would count every core of the machine as its own and take calls
      // the shared cores cannot decode in real time.
      TNT_CAPACITY_CORES: (Math.floor((machineCores / instances) * 100) / 100 || 0.01).toString(),
      ...passed,
      // Each instance's own demo would start calls on itself only; the launcher streams demo calls through HAProxy instead.
      TNT_DEMO: '0',
    },
    dataDir: env['TNT_DATA_DIR'] ?? join(workspaceRoot, 'data', 'cluster'),
  };
}
