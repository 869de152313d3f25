import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isRunning, stopChild } from './child-processes';
import { USERS_CLI } from './gateway-access';
import { startGateway, type GatewayOutputOptions, type GatewayProcess } from './gateway-process';
import { startHaproxy, type HaproxyProcess, type StartHaproxyOptions } from './haproxy-process';

const run = promisify(execFile);

/** Options of {@link startGatewayCluster}. */
export interface GatewayClusterOptions {
  readonly instances: number;
  /**
   * Environment of every instance (TNT_STORE, TNT_BUS, TNT_ENGINE, …). TNT_JWT_SECRET and
   * TNT_INGEST_API_KEYS are generated when missing, so a token or key works on every instance.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Added to one instance's environment. Default: its own new temporary TNT_DATA_DIR, unless `env` names one. */
  readonly instanceEnv?: (index: number) => Readonly<Record<string, string>>;
  /** HAProxy's settings besides the backends (port, health check timing, …). */
  readonly haproxy?: Omit<StartHaproxyOptions, 'backends'>;
  /** What happens to what each instance prints (default: kept for `output()`). */
  readonly output?: (index: number) => GatewayOutputOptions;
  readonly startTimeoutMs?: number;
}

/** A user every instance signs in, and a token of it. */
export interface ClusterUser {
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

/** N gateway processes behind HAProxy. */
export interface GatewayCluster {
  readonly haproxy: HaproxyProcess;
  /** `http://…` and `ws://…/ws` of the load balancer. */
  readonly url: string;
  readonly wsUrl: string;
  /** The environment every instance shares, with the generated secrets. */
  readonly env: Readonly<Record<string, string>>;
  /** Opens `/ingest/*` on every instance (`x-api-key`). */
  readonly ingestApiKey: string;
  readonly size: number;
  /** The instance at `index` as it runs now (a new process after {@link restart}). */
  instance(index: number): GatewayProcess;
  /** `http://127.0.0.1:<port>` of the instance at `index`, bypassing HAProxy (for `/metrics`, `/readyz`). */
  instanceUrl(index: number): string;
  /** Sends `signal` to the instance at `index`; for SIGKILL and SIGTERM, resolves once it has exited. */
  kill(index: number, signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT'): Promise<void>;
  /** Starts the instance at `index` again on the same port and environment (killing it first if it still runs). */
  restart(index: number): Promise<GatewayProcess>;
  /**
   * Adds (or replaces) a user with one password, and mints its token: once, in the users table every
   * instance shares, with `TNT_STORE=postgres`; otherwise in each instance's own data directory.
   */
  addUser(username: string, role: 'supervisor' | 'agent', agentId?: string): Promise<ClusterUser>;
  /** Stops every instance (SIGTERM, then SIGKILL) and HAProxy, and removes the data directories it made. */
  stop(): Promise<void>;
}

/**
 * Starts `instances` built gateways (PORT=0, shared `env`) and HAProxy in front of them. If any
 * of them cannot start, everything started so far is stopped before the error is thrown; every
 * child is also killed when this process exits, so a failed test leaves nothing running.
 */
export async function startGatewayCluster(options: GatewayClusterOptions): Promise<GatewayCluster> {
  const env: Record<string, string> = {
    TNT_JWT_SECRET: randomBytes(32).toString('base64url'),
    TNT_INGEST_API_KEYS: `tnt_ingest_${randomBytes(24).toString('base64url')}`,
    ...options.env,
  };
  const madeDirectories: string[] = [];
  const instanceEnvs: Record<string, string>[] = [];
  const instances: GatewayProcess[] = [];
  let haproxy: HaproxyProcess | undefined;
  const stopAll = async () => {
    await Promise.all(instances.map((instance) => stopChild(instance.child)));
    await haproxy?.stop();
    await Promise.all(madeDirectories.map((directory) => rm(directory, { recursive: true, force: true })));
  };
  const launch = (index: number, port = 0) =>
    startGateway({ ...env, ...instanceEnvs[index], PORT: String(port) }, options.startTimeoutMs, options.output?.(index));
  try {
    for (let index = 0; index < options.instances; index++) {
      const own = { ...options.instanceEnv?.(index) };
      if (own['TNT_DATA_DIR'] === undefined && env['TNT_DATA_DIR'] === undefined) {
        own['TNT_DATA_DIR'] = await mkdtemp(join(tmpdir(), `tnt-cluster-${index}-`));
        madeDirectories.push(own['TNT_DATA_DIR']);
      }
      instanceEnvs.push(own);
    }
    // One after another: several instances migrating one PostgreSQL schema at once is the adapter's
    // job (advisory lock), but two cores starting N Node processes at once only makes each slower.
    for (let index = 0; index < options.instances; index++) instances.push(await launch(index));
    haproxy = await startHaproxy({
      ...options.haproxy,
      backends: instances.map((instance) => ({ host: '127.0.0.1', port: instance.port })),
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const balancer = haproxy;
  const at = (index: number): GatewayProcess => {
    const instance = instances[index];
    if (!instance) throw new Error(`the cluster has no instance ${index} (it has ${instances.length})`);
    return instance;
  };
  const usersCli = async (index: number, args: string[], stdin?: string, overrides?: Record<string, string>): Promise<string> => {
    const cliEnv = { ...process.env, ...env, ...instanceEnvs[index], ...overrides };
    if (stdin === undefined) return (await run(process.execPath, [USERS_CLI, ...args], { env: cliEnv })).stdout;
    return pipeInto(process.execPath, [USERS_CLI, ...args], cliEnv, stdin);
  };
  const sharesUsers = (index: number) => ({ ...env, ...instanceEnvs[index] })['TNT_STORE'] === 'postgres';
  return {
    haproxy: balancer,
    url: balancer.url,
    wsUrl: balancer.wsUrl,
    env,
    ingestApiKey: env['TNT_INGEST_API_KEYS'].split(',')[0],
    size: instances.length,
    instance: at,
    instanceUrl: (index) => `http://127.0.0.1:${at(index).port}`,
    async kill(index, signal) {
      const { child } = at(index);
      if (!isRunning(child)) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await exited;
    },
    async restart(index) {
      const previous = at(index);
      await stopChild(previous.child, 'SIGKILL');
      // The same port, so HAProxy's server line stays right, as with an instance restarted in place.
      instances[index] = await launch(index, previous.port);
      return instances[index];
    },
    async addUser(username, role, agentId) {
      const password = randomBytes(15).toString('base64url');
      const roleArguments = ['--role', role, ...(agentId === undefined ? [] : ['--agent-id', agentId])];
      // With TNT_STORE=postgres every instance signs in from the one users table: the user is added once.
      // Otherwise each data directory holds its own users file, and each gets the user.
      const directories = new Set<string>();
      for (let index = 0; index < instances.length; index++) {
        const directory = sharesUsers(index) ? 'postgres' : (instanceEnvs[index]['TNT_DATA_DIR'] ?? env['TNT_DATA_DIR']);
        if (directories.has(directory)) continue;
        directories.add(directory);
        await usersCli(index, ['add', username, ...roleArguments, '--replace'], `${password}\n`);
      }
      const token = (JSON.parse(await usersCli(0, ['token', username, '--json'])) as { token: string }).token;
      return { username, password, token };
    },
    stop: stopAll,
  };
}

/** Runs a command with `input` on its standard input; resolves with its standard output. */
function pipeInto(command: string, args: string[], env: NodeJS.ProcessEnv, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}
