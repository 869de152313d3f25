export { ClientConnection, type ConnectionObserver } from './lib/client-connection';
export { ConnectionRegistry } from './lib/connection-registry';
export { GatewayModule, type GatewayModuleOptions } from './lib/gateway.module';
export { TntWsAdapter } from './lib/tnt-ws-adapter';
