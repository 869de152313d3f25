import { spawn, type ChildProcess } from 'node:child_process';
import { killOnExit, stopChild } from '@tnt/tools/util-gateway-process';

/** Wait before restarting a simulator that stopped on its own. */
const RESTART_DELAY_MS = 5000;

/** Options of {@link DemoTraffic}. */
export interface DemoTrafficOptions {
  /** The built call simulator (`tools/simulator`). */
  readonly simulatorMain: string;
  /** HAProxy's address: each call's ingest socket lands on whichever instance it picks. */
  readonly url: string;
  readonly calls: number;
  readonly speed: number;
  readonly ingestApiKey: string;
  /** A supervisor's token, for the simulator's watcher of every call. */
  readonly token: string;
  /** Where the simulator's lines go. */
  readonly print: (line: string) => void;
}

/**
 * Demo calls through the load balancer: the call simulator streams the fixture conversations to
 * HAProxy's `/ingest/l16` in a loop, and is started again if it stops (e.g. while an instance
 * restarts). Credentials go by environment, not argv, so they do not show in process listings.
 */
export class DemoTraffic {
  private child: ChildProcess | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DemoTrafficOptions) {}

  /** Starts the simulator. */
  start(): void {
    if (this.stopped) return;
    const { simulatorMain, url, calls, speed, ingestApiKey, token, print } = this.options;
    const args = [simulatorMain, '--url', url, '--endpoint', 'l16', '--calls', String(calls), '--speed', String(speed), '--loop'];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, TNT_INGEST_API_KEY: ingestApiKey, TNT_TOKEN: token },
      // Its transcripts are what the dashboard shows; only its complaints go to the terminal.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    killOnExit(child);
    this.child = child;
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim().length > 0) print(`[demo calls] ${line}`);
    };
    child.stderr?.on('data', forward);
    child.once('exit', (code, signal) => {
      if (this.stopped) return;
      print(`[demo calls] the simulator stopped (${signal ?? `exit ${code}`}); starting it again in ${RESTART_DELAY_MS / 1000} s`);
      this.restartTimer = setTimeout(() => this.start(), RESTART_DELAY_MS);
    });
  }

  /** Stops the simulator (its open calls end as hung up) and does not start it again. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    if (this.child) await stopChild(this.child, 'SIGTERM', 5000);
  }
}
