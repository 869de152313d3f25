import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning, killOnExit, stopChild } from './child-processes';
import { freePort, waitUntilAccepting } from './free-port';
import { renderHaproxyConfig, TEST_HEALTH_CHECK, type HaproxyBackend, type HaproxyHealthCheck } from './haproxy-config';
import { HaproxyRuntime, type HaproxyAdminState, type HaproxyServerState } from './haproxy-runtime';

/** Options of {@link startHaproxy}. */
export interface StartHaproxyOptions {
  /** The gateways, in order: server `gateway-<index>`. */
  readonly backends: readonly HaproxyBackend[];
  /** Address the frontend binds (default 127.0.0.1). */
  readonly host?: string;
  /** Frontend port (default: a free one, retried if another process takes it first). */
  readonly port?: number;
  /** Default {@link TEST_HEALTH_CHECK}. */
  readonly healthCheck?: HaproxyHealthCheck;
  /** Idle limit of a WebSocket through HAProxy (default one hour). */
  readonly tunnelTimeoutMs?: number;
  /** Serve HAProxy's statistics page on this port (default: none; the runtime API is always there). */
  readonly statsPort?: number;
  /** HAProxy binary (default HAPROXY_BIN, else /usr/sbin/haproxy, else `haproxy` on the PATH). */
  readonly binary?: string;
  readonly startTimeoutMs?: number;
}

/** HAProxy running in front of gateways. */
export interface HaproxyProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** `http://host:port`, for `/api`, `/ingest` and the dashboard. */
  readonly url: string;
  /** `ws://host:port/ws`, the UI socket through the load balancer. */
  readonly wsUrl: string;
  readonly configFile: string;
  /** The runtime API (`show stat`, `set server …`). */
  readonly runtime: HaproxyRuntime;
  /** Everything HAProxy printed so far (alerts and warnings; it logs no traffic). */
  output(): string;
  /** Each gateway's state in HAProxy, in order. */
  servers(): Promise<HaproxyServerState[]>;
  /** Takes the gateway at `index` out of rotation (`maint`), drains it, or puts it back (`ready`). */
  setBackendState(index: number, state: HaproxyAdminState): Promise<void>;
  /** Resolves once HAProxy reports the gateway at `index` with exactly `status` (`UP`, `DOWN`, `MAINT`, …). */
  waitForBackendStatus(index: number, status: string, timeoutMs?: number): Promise<HaproxyServerState>;
  /** Resolves once the health checks have taken the gateway at `index` out of rotation. */
  waitUntilBackendDown(index: number, timeoutMs?: number): Promise<HaproxyServerState>;
  /** Stops HAProxy (open connections are cut) and removes its temporary directory. */
  stop(): Promise<void>;
}

function haproxyBinary(): string {
  const configured = process.env['HAPROXY_BIN'];
  if (configured) return configured;
  return existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';
}

/**
 * Writes a configuration for `options.backends` into a new temporary directory, runs
 * `haproxy -f <cfg> -db` (foreground) as a child process and resolves once its frontend accepts
 * connections. The child is killed when this process exits, should `stop()` never be called.
 */
export async function startHaproxy(options: StartHaproxyOptions): Promise<HaproxyProcess> {
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, options.port ?? (await freePort(options.host)));
    } catch (error) {
      // Another process may have bound the free port between asking and binding; try another.
      if (attempt >= attempts || !/cannot bind/i.test(String(error))) throw error;
    }
  }
}

async function startOnce(options: StartHaproxyOptions, port: number): Promise<HaproxyProcess> {
  const host = options.host ?? '127.0.0.1';
  const directory = await mkdtemp(join(tmpdir(), 'tnt-haproxy-'));
  const configFile = join(directory, 'haproxy.cfg');
  const runtimeSocket = join(directory, 'admin.sock');
  await writeFile(
    configFile,
    renderHaproxyConfig({
      frontendHost: host,
      frontendPort: port,
      backends: options.backends,
      runtimeSocket,
      healthCheck: options.healthCheck ?? TEST_HEALTH_CHECK,
      tunnelTimeoutMs: options.tunnelTimeoutMs ?? 3_600_000,
      ...(options.statsPort === undefined ? {} : { statsPort: options.statsPort }),
    }),
  );
  const child = spawn(options.binary ?? haproxyBinary(), ['-f', configFile, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  let output = '';
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const cleanUp = async () => {
    await stopChild(child, 'SIGTERM', 5000);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await waitUntilAccepting(host, port, options.startTimeoutMs ?? 10_000, () => isRunning(child) && !spawnError);
    // The runtime socket is bound with the frontend; wait for it too, so the first `servers()` cannot fail.
    const runtime = new HaproxyRuntime(runtimeSocket);
    await runtime.servers();
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
      child,
      port,
      url,
      wsUrl: `${url.replace(/^http/, 'ws')}/ws`,
      configFile,
      runtime,
      output: () => output,
      servers: () => runtime.servers(),
      setBackendState: (index, state) => runtime.setServerState(index, state),
      waitForBackendStatus: (index, status, timeoutMs) => runtime.waitForStatus(index, status, timeoutMs),
      waitUntilBackendDown: (index, timeoutMs) => runtime.waitForStatus(index, 'DOWN', timeoutMs),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    const reason = spawnError ? `could not run HAProxy (${spawnError.message}; install the Debian package haproxy)` : String(error);
    throw new Error(`HAProxy did not start: ${reason}\n${output}`);
  }
}
