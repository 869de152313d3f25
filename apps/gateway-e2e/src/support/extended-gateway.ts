import { Module, type Type } from '@nestjs/common';
import { prepareTestAccess, type TestAccess } from '@tnt/server/feature-auth/testing';
import { bootstrapGateway, TntServerModule, type RunningGateway } from '@tnt/server/feature-server';
import { loadConfig } from '@tnt/server/util-config';

/** A gateway run in the test's process with a team's modules beside the server, and the access to it. */
export interface ExtendedGateway {
  readonly gateway: RunningGateway;
  readonly access: TestAccess;
}

/**
 * Starts `TntServerModule` with `extensions` imported next to it, as a team's application would,
 * on a free loopback port with test credentials in `dataDir` (also its data directory) and `env`.
 */
export async function startExtendedGateway(
  extensions: readonly Type[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ExtendedGateway> {
  const access = await prepareTestAccess(dataDir);
  const config = {
    ...loadConfig({ ...access.env, PORT: '0', HOST: '127.0.0.1', TNT_LOG_LEVEL: 'warn', ...env }),
    dashboardDir: '/nonexistent',
  };
  @Module({ imports: [TntServerModule.forRoot(config), ...extensions] })
  class ExtendedServerModule {}
  return { gateway: await bootstrapGateway(ExtendedServerModule, config), access };
}
