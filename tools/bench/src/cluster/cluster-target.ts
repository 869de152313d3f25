import { startGatewayCluster, USERS_CLI, type GatewayCluster, type HaproxyHealthCheck } from '@tnt/tools/util-gateway-process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import type { MemoryUsage } from '../support/inspector-gc';
import type { IngestTotals } from '../transport/ingest-driver';
import { spawnNodeChild, type NodeChild } from '../transport/node-child';
import { awaitEnds, GATEWAY_ENV, ingestPlanFor } from '../transport/tnt-target';
import type { CallPlan, CallsEnded, TransportTarget } from '../transport/transport-target';

/** Where the cluster keeps its shared state: a PostgreSQL database and a Redis, each used under a name of this run's own. */
export interface SharedServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

/** The cluster's shape: how many instances, and where the calls' audio goes in. */
export interface ClusterShape {
  readonly instances: number;
  /** `spread`: every ingest connection goes through HAProxy (round robin); `one`: straight to instance 0. */
  readonly ingest: 'spread' | 'one';
  /**
   * `balanced` (default): UI clients connect through HAProxy; `direct`: straight to the instances in
   * turn, the same spread without HAProxy relaying every event frame (what the load balancer costs).
   */
  readonly clients?: 'balanced' | 'direct';
  /** UI connections the instances must take between them (each gets room for all of them). */
  readonly connections: number;
  /** More settings of every instance (e.g. TNT_LEASE_MS). */
  readonly env?: Readonly<Record<string, string>>;
  /** HAProxy's `/readyz` checks (default {@link PRODUCTION_HEALTH_CHECK}). */
  readonly healthCheck?: HaproxyHealthCheck;
}

/**
 * docs/haproxy.cfg's checks (`inter 2s fall 3 rise 2`, `timeout check 1.5s`), not the tests' fast
 * ones: on a loaded machine a 500 ms check timeout takes busy but healthy instances out of rotation.
 */
export const PRODUCTION_HEALTH_CHECK: HaproxyHealthCheck = { intervalMs: 2000, fall: 3, rise: 2, timeoutMs: 1500 };

/**
 * TnT in cluster mode as a transport target: `instances` built gateways with TNT_STORE=postgres and
 * TNT_BUS=redis on a schema and key prefix of their own, HAProxy in front. UI clients connect through
 * HAProxy (so they spread round robin over the instances); the ingest driver streams through HAProxy
 * too, or to one instance. CPU and memory are summed over the instances and HAProxy; what PostgreSQL
 * and Redis use is not counted (they are shared with the rest of the machine).
 */
export class ClusterTarget implements TransportTarget {
  readonly name = 'TnT' as const;
  readonly protocol = 'tnt' as const;
  readonly subscribesAfterCallStart = true;
  private callIds: readonly string[] = [];
  private readonly agentTokens = new Map<string, Promise<string>>();
  private lastUserAdded: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly cluster: GatewayCluster,
    private readonly driver: NodeChild,
    readonly supervisorToken: string,
    private readonly shape: ClusterShape,
    private readonly users: ClusterUsers,
    private readonly cleanUp: () => Promise<void>,
  ) {}

  /** Starts the instances one after another, HAProxy, the ingest driver, and adds a supervisor on every instance. */
  static async start(shape: ClusterShape, services: SharedServices): Promise<ClusterTarget> {
    const name = randomBytes(5).toString('hex');
    const schema = `tnt_bench_${name}`;
    const keyPrefix = `tnt-bench-${name}:`;
    const dataDirs = await Promise.all(
      Array.from({ length: shape.instances }, (_, index) => mkdtemp(join(tmpdir(), `tnt-bench-cluster-${index}-`))),
    );
    const cleanUp = async () => {
      await forgetSharedState(services, schema, keyPrefix);
      await Promise.all(dataDirs.map((directory) => rm(directory, { recursive: true, force: true })));
    };
    const connectionLimit = String(shape.connections + 1000);
    let cluster: GatewayCluster | undefined;
    try {
      cluster = await startGatewayCluster({
        instanceEnv: (index) => ({ TNT_DATA_DIR: dataDirs[index] }),
        instances: shape.instances,
        env: {
          ...GATEWAY_ENV,
          // The gateway says its port at this level only; the single-instance baseline runs at the same level.
          TNT_LOG_LEVEL: 'log',
          TNT_STORE: 'postgres',
          TNT_BUS: 'redis',
          TNT_DATABASE_URL: services.databaseUrl,
          TNT_DATABASE_SCHEMA: schema,
          TNT_REDIS_URL: services.redisUrl,
          TNT_REDIS_PREFIX: keyPrefix,
          TNT_MAX_CONNECTIONS_PER_USER: connectionLimit,
          TNT_MAX_CONNECTIONS_PER_IP: connectionLimit,
          ...shape.env,
        },
        haproxy: { healthCheck: shape.healthCheck ?? PRODUCTION_HEALTH_CHECK },
        output: () => ({ keepAfterStart: false }),
        startTimeoutMs: 90_000,
      });
      const users = new ClusterUsers(cluster.env, dataDirs);
      const supervisorToken = await users.add('bench-supervisor', ['--role', 'supervisor']);
      const driver = spawnNodeChild({
        name: 'ingest driver',
        script: join(__dirname, '..', 'transport', 'ingest-driver.js'),
        ipc: true,
        openFiles: 8192,
      });
      return new ClusterTarget(cluster, driver, supervisorToken, shape, users, cleanUp);
    } catch (error) {
      await cluster?.stop();
      await cleanUp();
      throw error;
    }
  }

  get url(): string {
    return this.cluster.wsUrl;
  }

  /** HAProxy's URL, or with `clients: 'direct'` the instances' own in turn. */
  connectionUrl(index: number): string {
    return this.shape.clients === 'direct' ? this.instanceWsUrl(index % this.cluster.size) : this.url;
  }

  get pid(): number {
    return this.pids[0];
  }

  get pids(): readonly number[] {
    const instances = Array.from({ length: this.cluster.size }, (_, index) => this.cluster.instance(index).child.pid);
    return [...instances, this.cluster.haproxy.child.pid].filter((pid): pid is number => pid !== undefined);
  }

  /** The UI socket of instance `index` itself, bypassing HAProxy. */
  instanceWsUrl(index: number): string {
    return `${this.cluster.instanceUrl(index).replace(/^http/, 'ws')}/ws`;
  }

  async agentToken(agentId: string): Promise<string> {
    let token = this.agentTokens.get(agentId);
    if (!token) {
      // The users CLI rewrites each instance's users file, so accounts are added one after another.
      token = this.lastUserAdded.then(() => this.users.add(`bench-${agentId}`, ['--role', 'agent', '--agent-id', agentId]));
      this.lastUserAdded = token.catch(() => undefined);
      this.agentTokens.set(agentId, token);
    }
    return token;
  }

  async startCalls(plan: CallPlan): Promise<void> {
    this.callIds = plan.callIds;
    const baseUrl = this.shape.ingest === 'one' ? this.cluster.instanceUrl(0) : this.cluster.url;
    await this.driver.call('start', ingestPlanFor(plan, baseUrl, this.cluster.ingestApiKey));
  }

  /** Closes the driver's ingest connections (the calls end where they are owned); resolves what it had sent. */
  async stopIngest(): Promise<IngestTotals> {
    const totals = await this.driver.call<IngestTotals>('stop');
    this.callIds = totals.callIds;
    return totals;
  }

  async endCalls(endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded> {
    await this.stopIngest();
    return awaitEnds(this.callIds, endedSeqs);
  }

  collectGarbage(): Promise<void> {
    return Promise.reject(new Error('the cluster target does not read settled memory'));
  }

  settledMemory(): Promise<MemoryUsage> {
    return Promise.reject(new Error('the cluster target does not read settled memory'));
  }

  async stop(): Promise<void> {
    await this.driver.stop();
    await this.cluster.stop();
    await this.cleanUp();
  }
}

/**
 * Adds benchmark users with the built users CLI where a gateway in cluster mode may sign them in
 * from: each instance's own users file (what this build reads) and the PostgreSQL users table (what
 * `TNT_STORE=postgres` gives the CLI, and where sign-in is meant to move). The harness's `addUser`
 * writes the latter only when the instances run on PostgreSQL, so it is not used here.
 */
class ClusterUsers {
  constructor(
    private readonly env: Readonly<Record<string, string>>,
    private readonly dataDirs: readonly string[],
  ) {}

  /** Adds (or replaces) `username` everywhere and resolves with a token of it. */
  async add(username: string, roleArguments: readonly string[]): Promise<string> {
    const fileStore = (dataDir: string) => ({ ...this.env, TNT_STORE: 'memory', TNT_BUS: 'local', TNT_DATA_DIR: dataDir });
    const add = ['add', username, ...roleArguments, '--generate-password', '--replace'];
    for (const dataDir of this.dataDirs) await usersCli(fileStore(dataDir), add);
    await usersCli({ ...this.env, TNT_DATA_DIR: this.dataDirs[0] }, add);
    const { stdout } = await usersCli(fileStore(this.dataDirs[0]), ['token', username, '--json']);
    return (JSON.parse(stdout) as { token: string }).token;
  }
}

function usersCli(env: Readonly<Record<string, string>>, args: readonly string[]): Promise<{ stdout: string }> {
  return promisify(execFile)(process.execPath, [USERS_CLI, ...args], { env: { ...process.env, ...env } });
}

/** Drops the run's PostgreSQL schema and deletes its Redis keys, so repeated runs leave nothing behind. */
async function forgetSharedState(services: SharedServices, schema: string, keyPrefix: string): Promise<void> {
  const database = new Client({ connectionString: services.databaseUrl });
  try {
    await database.connect();
    await database.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch (error) {
    console.error(`dropping schema ${schema} failed (drop it by hand): ${String(error)}`);
  } finally {
    await database.end().catch(() => undefined);
  }
  const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch (error) {
    console.error(`deleting Redis keys ${keyPrefix}* failed (delete them by hand): ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}
