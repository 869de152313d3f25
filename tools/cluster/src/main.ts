/**
 * `npm run cluster`: N gateway instances on this machine behind HAProxy, against the local
 * PostgreSQL and Redis (cluster mode), with demo accounts and demo calls streamed through the
 * load balancer. Prints the URL and credentials; Ctrl-C stops everything.
 *
 *   node dist/server/tools/cluster/src/main.js [--instances 3] [--port 8080] [--demo-calls 3]
 *
 * tools/scripts/cluster.sh installs what is missing, starts PostgreSQL and Redis, builds, then runs this.
 */
import { startGatewayCluster, workspaceRoot, type ClusterUser, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { clusterBanner } from './lib/banner';
import { CLUSTER_USAGE, readClusterSettings, type ClusterSettings } from './lib/cluster-settings';
import { DemoTraffic } from './lib/demo-traffic';

const root = workspaceRoot(__dirname);
const print = (line: string) => process.stdout.write(`${line}\n`);

/** Prints each line an instance writes with its index in front, so three logs stay readable in one terminal. */
function prefixed(index: number): (text: string) => void {
  let partial = '';
  return (text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) print(`[gateway-${index}] ${line}`);
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    print(CLUSTER_USAGE);
    return;
  }
  const settings = readClusterSettings(process.argv.slice(2), process.env, root);
  // Filled in as start-up goes on, so a Ctrl-C at any point stops what runs by then.
  const started: { cluster?: GatewayCluster; demo?: DemoTraffic } = {};
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      print(`\n${reason}: stopping the demo calls, ${settings.instances} instances and HAProxy`);
      await started.demo?.stop();
      await started.cluster?.stop();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: the signal often comes twice (to this process and to its process group, as
    // `timeout` and a second Ctrl-C send it), and a second one must not kill the launcher mid-stop.
    process.on(signal, () => {
      if (stopping) return;
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`cluster: stopping failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }

  const dataDirs = Array.from({ length: settings.instances }, (_, index) => join(settings.dataDir, `instance-${index}`));
  await Promise.all(dataDirs.map((directory) => mkdir(directory, { recursive: true })));
  const { TNT_STORE: store, TNT_BUS: bus } = settings.instanceEnv;
  const where = `${settings.host}:${settings.port}`;
  print(`Starting ${settings.instances} gateway instances (TNT_STORE=${store}, TNT_BUS=${bus}) and HAProxy on ${where}`);
  const running = await startGatewayCluster({
    instances: settings.instances,
    env: settings.instanceEnv,
    instanceEnv: (index) => ({ TNT_DATA_DIR: dataDirs[index] }),
    // Production-like checks (2 s) rather than the tests' fast ones; a dead instance leaves rotation within ~6 s.
    haproxy: {
      host: settings.host,
      port: settings.port,
      statsPort: settings.statsPort,
      healthCheck: { intervalMs: 2000, fall: 3, rise: 2, timeoutMs: 1500 },
    },
    output: (index) => ({ onOutput: prefixed(index), keepAfterStart: false }),
    // The speech engine loads its model at start-up; three instances on two cores take a while.
    startTimeoutMs: 120_000,
  });
  started.cluster = running;
  try {
    started.demo = await announceAndStartDemo(running, settings, () => stopping !== undefined);
  } catch (error) {
    await stop('start-up failed');
    throw error;
  }
}

/** Watches the instances, adds the demo accounts, prints the banner and starts the demo calls. */
async function announceAndStartDemo(
  running: GatewayCluster,
  settings: ClusterSettings,
  isStopping: () => boolean,
): Promise<DemoTraffic | undefined> {
  for (let index = 0; index < running.size; index++) {
    running.instance(index).child.once('exit', (code, signal) => {
      if (!isStopping()) print(`[gateway-${index}] exited (${signal ?? `code ${code}`}); HAProxy takes it out of rotation`);
    });
  }

  const supervisor = await running.addUser('supervisor', 'supervisor');
  const agents: (ClusterUser & { agentId: string })[] = [];
  for (let line = 1; line <= Math.max(settings.demoCalls, 1); line++) {
    const agentId = `agent-${line}`;
    agents.push({ ...(await running.addUser(agentId, 'agent', agentId)), agentId });
  }
  const publicHost = settings.host === '127.0.0.1' || settings.host === '0.0.0.0' ? 'localhost' : settings.host;
  print(
    clusterBanner({
      url: `http://${publicHost}:${settings.port}`,
      instanceUrls: Array.from({ length: running.size }, (_, index) => running.instanceUrl(index)),
      store: settings.instanceEnv['TNT_STORE'],
      bus: settings.instanceEnv['TNT_BUS'],
      users: [supervisor, ...agents],
      ingestApiKey: running.ingestApiKey,
      statsUrl: `http://${publicHost}:${settings.statsPort}/`,
      demoCalls: settings.demoCalls,
    }),
  );
  if (settings.demoCalls === 0) return undefined;
  const demo = new DemoTraffic({
    simulatorMain: join(root, 'dist', 'server', 'tools', 'simulator', 'src', 'main.js'),
    url: running.url,
    calls: settings.demoCalls,
    speed: settings.demoSpeed,
    ingestApiKey: running.ingestApiKey,
    token: supervisor.token,
    print,
  });
  demo.start();
  return demo;
}

main().catch((error: unknown) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
