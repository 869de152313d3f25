import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The built simulator, relative to this file in dist/server. */
const SIMULATOR_MAIN = join(__dirname, '..', '..', '..', '..', '..', 'tools', 'simulator', 'src', 'main.js');
/** Wait before restarting a simulator that stopped on its own. */
const RESTART_DELAY_MS = 5000;

/**
 * Live demo with real speech (`TNT_DEMO=1` with a real engine): runs the call simulator as a
 * child process that streams the fixture conversations through this gateway's own
 * `/ingest/l16`, `TNT_DEMO_CALLS` overlapping calls in a loop, so the demo exercises the whole
 * path from audio to screen.
 */
@Injectable()
export class SimulatorDemoService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DemoSimulator');
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly transcription: TranscriptionService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.demo || this.transcription.isSimulated) return;
    const server = this.adapterHost.httpAdapter.getHttpServer();
    server.once('listening', () => this.launch((server.address() as AddressInfo).port));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
  }

  private launch(port: number): void {
    if (this.stopped) return;
    if (!existsSync(SIMULATOR_MAIN)) {
      this.logger.error(`the simulator is not built (${SIMULATOR_MAIN}); run "npm run build" for demo calls`);
      return;
    }
    const args = ['--url', `http://127.0.0.1:${port}`, '--endpoint', 'l16', '--calls', String(this.config.demoCalls), '--speed', String(this.config.demoSpeed), '--loop'];
    this.logger.log(`demo: streaming ${this.config.demoCalls} overlapping fixture call(s) through /ingest/l16`);
    const child = spawn(process.execPath, [SIMULATOR_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.logger.debug?.(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => this.logger.warn(chunk.toString().trimEnd()));
    child.once('exit', (code, signal) => {
      if (this.stopped) return;
      this.logger.warn(`the demo simulator stopped (${signal ?? `exit ${code}`}); restarting in ${RESTART_DELAY_MS} ms`);
      setTimeout(() => this.launch(port), RESTART_DELAY_MS).unref();
    });
  }
}
