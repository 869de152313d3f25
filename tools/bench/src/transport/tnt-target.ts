import { GATEWAY_MAIN } from '@tnt/tools/util-gateway-process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareGatewayAccess, type GatewayAccess } from './gateway-access';
import { collectGarbage, inspectorUrlIn, settledMemoryUsage, type MemoryUsage } from '../support/inspector-gc';
import type { IngestPlan, IngestTotals } from './ingest-driver';
import { freeLoopbackPort, waitForListener } from './loopback-port';
import { spawnNodeChild, type NodeChild } from './node-child';
import type { CallPlan, CallsEnded, TargetOptions, TransportTarget } from './transport-target';

/**
 * Transcript events per second of audio of one stereo call with the scripted engine's default
 * pacing (an interim every 250 ms of speech, a final per turn, 700 ms between turns): 3.37–3.41
 * over its three conversations. The benchmark reports the rate it actually measured.
 */
export const SCRIPTED_EVENTS_PER_AUDIO_SECOND = 3.4;

/** Gateway settings of the benchmark: scripted engine, nothing on disk, quiet logs. */
export const GATEWAY_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  TNT_ENGINE: 'scripted',
  TNT_STORE: 'memory',
  TNT_DEMO: '0',
  TNT_LOG_LEVEL: 'warn',
};

/** Audio a call streams before it is replaced (the scripted conversations last 35–36 s of audio). */
const ROTATE_AFTER_AUDIO_SECONDS = 30;

/** How long the clients may take to see every call's `ended` event. */
const END_TIMEOUT_MS = 60_000;

/**
 * Waits until the clients have seen the `ended` event of every call in `callIds` (or gives up after
 * a minute) and resolves with each call's last `seq`, as {@link TransportTarget.endCalls} does.
 */
export async function awaitEnds(callIds: readonly string[], endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded> {
  const deadline = Date.now() + END_TIMEOUT_MS;
  for (;;) {
    const seen = await endedSeqs();
    const unseenEnds = callIds.filter((callId) => seen[callId] === undefined);
    if (unseenEnds.length === 0 || Date.now() > deadline) {
      return {
        lastSeqByCall: Object.fromEntries(callIds.flatMap((callId) => (seen[callId] ? [[callId, seen[callId]]] : []))),
        unseenEnds,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the ingest driver streams for `plan` to the gateway (or load balancer) at `baseUrl`. */
export function ingestPlanFor(plan: CallPlan, baseUrl: string, apiKey: string): IngestPlan {
  return {
    baseUrl,
    calls: plan.callIds.map((callId, index) => ({ callId, agentId: plan.agentIds[index] })),
    speed: plan.ratePerCall / SCRIPTED_EVENTS_PER_AUDIO_SECOND,
    staggerMs: plan.staggerMs,
    rotateAfterAudioSeconds: plan.rotateCalls ? ROTATE_AFTER_AUDIO_SECONDS : undefined,
    apiKey,
  };
}

/** TnT's built gateway, fed through `/ingest/l16` by a separate driver process. */
export class TntTarget implements TransportTarget {
  readonly name = 'TnT' as const;
  readonly protocol = 'tnt' as const;
  readonly subscribesAfterCallStart = true;
  private callIds: readonly string[] = [];
  /** What the ingest driver sent in the last run of calls. */
  lastIngest: IngestTotals | undefined;

  private constructor(
    private readonly gateway: NodeChild,
    private readonly driver: NodeChild,
    private readonly port: number,
    private readonly inspectorUrl: string | undefined,
    private readonly dataDir: string,
    private readonly access: GatewayAccess,
  ) {}

  /** Starts the gateway and the ingest driver. */
  static async start(options: TargetOptions): Promise<TntTarget> {
    const execArgv = [
      ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
      ...(options.gcTraceFile ? ['--trace-gc'] : []),
    ];
    // With warnings-only logs the gateway does not print its port, so it gets a known free one.
    const port = await freeLoopbackPort();
    const dataDir = mkdtempSync(join(tmpdir(), 'tnt-transport-bench-'));
    const access = await prepareGatewayAccess(dataDir);
    // Every load connection comes from 127.0.0.1, and the supervisors share one user.
    const connectionLimit = String(options.connections + 1000);
    const env = {
      ...GATEWAY_ENV,
      ...access.env,
      PORT: String(port),
      TNT_MAX_CONNECTIONS_PER_USER: connectionLimit,
      TNT_MAX_CONNECTIONS_PER_IP: connectionLimit,
      ...options.gatewayEnv,
    };
    // TNT_BENCH_GATEWAY_MAIN runs another build of the gateway (an earlier commit) under the same load: see compare-builds.ts.
    const script = process.env['TNT_BENCH_GATEWAY_MAIN'] ?? GATEWAY_MAIN;
    const gateway = spawnNodeChild({
      name: 'TnT gateway',
      script,
      execArgv,
      env,
      ipc: false,
      openFiles: options.connections + 4096,
      outputFile: options.gcTraceFile,
    });
    const exited = () =>
      gateway.process.exitCode !== null ? `the gateway exited with ${gateway.process.exitCode}:\n${gateway.output()}` : undefined;
    await waitForListener(port, 60_000, exited);
    const driver = spawnNodeChild({ name: 'ingest driver', script: join(__dirname, 'ingest-driver.js'), ipc: true, openFiles: 8192 });
    return new TntTarget(gateway, driver, port, options.inspect ? inspectorUrlIn(gateway.output()) : undefined, dataDir, access);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  get pid(): number {
    return this.gateway.pid;
  }

  get supervisorToken(): string | undefined {
    return this.access.supervisorToken;
  }

  async agentToken(agentId: string): Promise<string | undefined> {
    return this.access.agentToken(agentId);
  }

  async startCalls(plan: CallPlan): Promise<void> {
    this.callIds = plan.callIds;
    await this.driver.call('start', ingestPlanFor(plan, `http://127.0.0.1:${this.port}`, this.access.ingestApiKey));
  }

  async endCalls(endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded> {
    this.lastIngest = await this.driver.call<IngestTotals>('stop');
    this.callIds = this.lastIngest.callIds;
    return awaitEnds(this.callIds, endedSeqs);
  }

  async collectGarbage(): Promise<void> {
    if (!this.inspectorUrl) throw new Error('the gateway was started without the inspector');
    await collectGarbage(this.inspectorUrl);
  }

  async settledMemory(): Promise<MemoryUsage> {
    if (!this.inspectorUrl) throw new Error('the gateway was started without the inspector');
    return settledMemoryUsage(this.inspectorUrl);
  }

  async stop(): Promise<void> {
    await this.driver.stop();
    const code = await this.gateway.stop('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
    if (code !== 0) console.error(`TnT gateway exited with ${code}:\n${this.gateway.output().slice(-2000)}`);
  }
}
