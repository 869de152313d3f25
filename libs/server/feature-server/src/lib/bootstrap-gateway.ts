import { Logger, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { guardedSocketOptions, UpgradeAuthenticator } from '@tnt/server/feature-auth';
import { TntWsAdapter } from '@tnt/server/feature-gateway';
import { applyConnectionTimeouts } from '@tnt/server/util-rate-limit';
import { corsMiddleware, securityHeaders } from '@tnt/server/util-security';
import { LOG_LEVELS, type TntConfig } from '@tnt/server/util-config';
import type { AddressInfo } from 'node:net';
import { serveDashboard } from './dashboard-static';
import { ServerShutdown } from './server-shutdown';
import { JsonLogger } from './json-logger';
import { TextLogger } from './text-logger';

/** A started gateway. */
export interface RunningGateway {
  readonly app: INestApplication;
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  /** Stops gracefully in the order {@link ServerShutdown} gives (ingest, calls, clients), then closes the app. */
  stop(signal?: string): Promise<void>;
}

/** Options of {@link bootstrapGateway}. */
export interface BootstrapOptions {
  /** Install SIGTERM/SIGINT handlers that stop gracefully and exit 0 (the real process does). */
  readonly handleSignals?: boolean;
}

/** Starts the gateway for `rootModule` (the TnT server, possibly with team extensions). */
export async function bootstrapGateway(
  rootModule: DynamicModule | Type,
  config: TntConfig,
  options: BootstrapOptions = {},
): Promise<RunningGateway> {
  const logger = new Logger('Gateway');
  const logLevels = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1) as LogLevel[];
  const nestLogger = config.logFormat === 'json' ? new JsonLogger(logLevels) : new TextLogger({ logLevels });
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { logger: nestLogger });
  const upgrades = app.get(UpgradeAuthenticator);
  app.useWebSocketAdapter(new TntWsAdapter(app, config, (path) => guardedSocketOptions(path, upgrades, config.maxIngestFrameBytes)));
  app.disable('x-powered-by');
  applyConnectionTimeouts(app.getHttpServer(), { headersTimeoutMs: config.headersTimeoutMs });
  const http = app.getHttpAdapter().getInstance();
  http.use(securityHeaders({ publicUrl: config.publicUrl }));
  http.use('/api', corsMiddleware({ allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl }));
  serveDashboard(http, config.dashboardDir, logger);
  await app.listen(config.port, config.host);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.log(`TnT gateway listening on ${url} (UI socket ${url.replace('http', 'ws')}/ws)`);

  let stopping: Promise<void> | undefined;
  const stop = (signal = 'stop'): Promise<void> => {
    stopping ??= (async () => {
      // The drain needs the bus and sockets, which Nest's close tears down first: it goes before.
      await app.get(ServerShutdown).drain(signal);
      await app.close();
    })();
    return stopping;
  };
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        // A hung drain must not keep the process alive past the promised bound.
        setTimeout(() => {
          logger.error(`shutdown exceeded ${config.shutdownDrainMs} ms; exiting`);
          process.exit(0);
        }, config.shutdownDrainMs + 2000).unref();
        stop(signal).then(
          () => process.exit(0),
          (error) => {
            logger.error(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
            process.exit(1);
          },
        );
      });
    }
  }
  return { app, url, port, stop };
}
