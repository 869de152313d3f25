import 'reflect-metadata';
import { bootstrapGateway, TntServerModule } from '@tnt/server/feature-server';
import { ConfigError, loadConfig, type TntConfig } from '@tnt/server/util-config';
import { join } from 'node:path';

/** The call simulator, built next to this app in dist/server; `TNT_DEMO=1` streams demo calls with it. */
const DEMO_SIMULATOR_MAIN = join(__dirname, '..', '..', '..', 'tools', 'simulator', 'src', 'main.js');

function configOrExit(): TntConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = configOrExit();
const server = TntServerModule.forRoot(config, { demoSimulatorMain: DEMO_SIMULATOR_MAIN });
bootstrapGateway(server, config, { handleSignals: true }).catch((error: unknown) => {
  console.error(`TnT gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
