import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { INGEST_API_KEYS, LocalTokenService } from '@tnt/server/feature-auth';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

/** Injection token of the call simulator's entry script (`TntServerOptions.demoSimulatorMain`), or `null`. */
export const DEMO_SIMULATOR_MAIN = Symbol('DEMO_SIMULATOR_MAIN');

/** Wait before restarting a simulator that stopped on its own. */
const RESTART_DELAY_MS = 5000;

/**
 * Live demo with real speech (`TNT_DEMO=1` with a real engine): runs the call simulator the
 * application named as a child process that streams the fixture conversations through this
 * gateway's own `/ingest/l16` (or `TNT_DEMO_ENDPOINT`), `TNT_DEMO_CALLS` overlapping calls in a loop, so the demo
 * exercises the whole path from audio to screen. (The scripted engine's demo runs in process.)
 */
@Injectable()
export class DemoSimulator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DemoSimulator');
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly transcription: TranscriptionService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: LocalTokenService,
    @Inject(INGEST_API_KEYS) private readonly ingestApiKeys: readonly string[],
    @Inject(DEMO_SIMULATOR_MAIN) private readonly simulatorMain: string | null,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.demo || this.transcription.isSimulated) return;
    const simulatorMain = this.simulatorMain;
    if (simulatorMain === null) {
      this.logger.warn('TNT_DEMO=1 with a speech engine needs the call simulator, and this server was built without one: no demo calls');
      return;
    }
    const server = this.adapterHost.httpAdapter.getHttpServer();
    server.once('listening', () => {
      const port = (server.address() as AddressInfo).port;
      this.launch(simulatorMain, port).catch((error: unknown) => this.logger.error(`the demo simulator could not start: ${String(error)}`));
    });
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.child?.kill('SIGTERM');
  }

  private async launch(simulatorMain: string, port: number): Promise<void> {
    if (this.stopped) return;
    if (!existsSync(simulatorMain)) {
      this.logger.error(`the simulator is not built (${simulatorMain}); run "npm run build" for demo calls`);
      return;
    }
    const { demoCalls, demoSpeed } = this.config;
    const args = [
      '--url',
      `http://127.0.0.1:${port}`,
      '--endpoint',
      this.config.demoEndpoint,
      '--calls',
      String(demoCalls),
      '--speed',
      String(demoSpeed),
      '--loop',
    ];
    this.logger.log(`demo: streaming ${this.config.demoCalls} overlapping fixture call(s) through /ingest/${this.config.demoEndpoint}`);
    // Credentials go by environment, not argv, so they do not show in process listings. The token
    // is the demo supervisor's (created by DemoAccountsService), fresh at every launch.
    const { token } = await this.tokens.issue({ username: 'supervisor', role: 'supervisor' });
    // AudioHook: the first configured integration's key, its upgrades signed with its client secret.
    const audiohook = this.config.demoEndpoint === 'audiohook' ? this.config.audiohookCredentials[0] : undefined;
    const env = {
      ...process.env,
      TNT_INGEST_API_KEY: audiohook?.apiKey ?? this.ingestApiKeys[0],
      TNT_TOKEN: token,
      ...(audiohook ? { TNT_AUDIOHOOK_CLIENT_SECRET: audiohook.clientSecret } : {}),
      ...(this.config.audiohookOrganizationIds.length > 0
        ? { TNT_AUDIOHOOK_ORGANIZATION_ID: this.config.audiohookOrganizationIds[0] }
        : {}),
    };
    const child = spawn(process.execPath, [simulatorMain, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.logger.debug?.(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => this.logger.warn(chunk.toString().trimEnd()));
    child.once('exit', (code, signal) => {
      if (this.stopped) return;
      this.logger.warn(`the demo simulator stopped (${signal ?? `exit ${code}`}); restarting in ${RESTART_DELAY_MS} ms`);
      setTimeout(() => {
        this.launch(simulatorMain, port).catch((error: unknown) =>
          this.logger.error(`the demo simulator could not restart: ${String(error)}`),
        );
      }, RESTART_DELAY_MS).unref();
    });
  }
}
