export { bootstrapGateway, type BootstrapOptions, type RunningGateway } from './lib/bootstrap-gateway';
export { TntServerModule, type TntServerOptions } from './lib/tnt-server.module';
