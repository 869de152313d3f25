export { GATEWAY_MAIN, type GatewayProcess, runGatewayToExit, startGateway } from './lib/gateway-process';
export { workspaceRoot } from './lib/workspace-root';
export { type GatewayAccess, provisionAccess, provisionAgent, USERS_CLI } from './lib/gateway-access';
