export { GATEWAY_MAIN, type GatewayOutputOptions, type GatewayProcess, runGatewayToExit, startGateway } from './lib/gateway-process';
export { workspaceRoot } from './lib/workspace-root';
export { type GatewayAccess, provisionAccess, provisionAgent, USERS_CLI } from './lib/gateway-access';
export { freePort, waitUntilAccepting } from './lib/free-port';
export { isRunning, killOnExit, stopChild } from './lib/child-processes';
export {
  HAPROXY_BACKEND,
  type HaproxyBackend,
  type HaproxyConfigOptions,
  type HaproxyHealthCheck,
  renderHaproxyConfig,
  serverName,
  TEST_HEALTH_CHECK,
} from './lib/haproxy-config';
export { type HaproxyAdminState, HaproxyRuntime, type HaproxyServerState } from './lib/haproxy-runtime';
export { type HaproxyProcess, startHaproxy, type StartHaproxyOptions } from './lib/haproxy-process';
export { type ClusterUser, type GatewayCluster, type GatewayClusterOptions, startGatewayCluster } from './lib/gateway-cluster';
