/** One gateway instance behind the load balancer. */
export interface HaproxyBackend {
  readonly host: string;
  readonly port: number;
}

/** How HAProxy decides an instance is in or out of rotation (`/readyz` checks). */
export interface HaproxyHealthCheck {
  /** Time between two checks of one instance (`inter`). */
  readonly intervalMs: number;
  /** Failed checks in a row that take an instance out of rotation (`fall`). */
  readonly fall: number;
  /** Passed checks in a row that put it back (`rise`). */
  readonly rise: number;
  /** A check not answered within this fails (`timeout check`): a paused instance is taken out too. */
  readonly timeoutMs: number;
}

/** Everything {@link renderHaproxyConfig} writes into the configuration. */
export interface HaproxyConfigOptions {
  readonly frontendHost: string;
  readonly frontendPort: number;
  readonly backends: readonly HaproxyBackend[];
  /** Unix socket of the runtime API (`show stat`, `set server …`), admin level. */
  readonly runtimeSocket: string;
  readonly healthCheck: HaproxyHealthCheck;
  /** Idle limit of an upgraded (WebSocket) connection; the gateway's heartbeat keeps live ones busy. */
  readonly tunnelTimeoutMs: number;
  /** When set, HAProxy's statistics page (each instance's state and sessions) on this port of `frontendHost`. */
  readonly statsPort?: number;
}

/** Checks fast enough for tests: an instance is out of rotation about one second after it stops answering. */
export const TEST_HEALTH_CHECK: HaproxyHealthCheck = { intervalMs: 300, fall: 2, rise: 2, timeoutMs: 500 };

/** The name of the backend section, and of each server in it: `gateway-0`, `gateway-1`, … */
export const HAPROXY_BACKEND = 'gateways';
export const serverName = (index: number): string => `gateway-${index}`;

/**
 * The HAProxy 2.6 configuration for TnT gateways: HTTP mode (HAProxy switches a connection to a
 * tunnel when it sees the WebSocket upgrade, so no close option is set), round robin, and
 * `/readyz` health checks. The sample for production is docs/haproxy.cfg; this one differs only
 * in its short check intervals and loopback addresses.
 */
export function renderHaproxyConfig(options: HaproxyConfigOptions): string {
  const { intervalMs, fall, rise, timeoutMs } = options.healthCheck;
  const servers = options.backends.map(
    (backend, index) => `  server ${serverName(index)} ${backend.host}:${backend.port} check inter ${intervalMs} fall ${fall} rise ${rise}`,
  );
  return [
    '# Written by startHaproxy (libs/tools/util-gateway-process) for one run; see docs/haproxy.cfg for production.',
    'global',
    `  stats socket ${options.runtimeSocket} mode 600 level admin`,
    // No maxconn: HAProxy derives it from the file-descriptor limit it runs with.
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-request 10s',
    // Once upgraded, a WebSocket is bound by this instead of client/server: dashboards stay for hours.
    `  timeout tunnel ${options.tunnelTimeoutMs}`,
    `  timeout check ${timeoutMs}`,
    // A connection refused by an instance that died since the last check goes to another one.
    '  retries 2',
    '  option redispatch 1',
    // Without it HAProxy sends with MSG_MORE, asking the kernel to hold small segments for more
    // data: each relayed WebSocket frame (one event, a few hundred bytes) then waits, which added
    // milliseconds to every delivery through the load balancer. Events are latency-bound, not bulk.
    '  option http-no-delay',
    '',
    'frontend tnt',
    `  bind ${options.frontendHost}:${options.frontendPort}`,
    `  default_backend ${HAPROXY_BACKEND}`,
    '',
    `backend ${HAPROXY_BACKEND}`,
    '  balance roundrobin',
    // 503 while the engine, store or bus cannot serve (or the instance is at capacity): no new
    // connections go there. Sessions already open stay (no on-marked-down shutdown-sessions):
    // an instance at capacity keeps carrying the calls it accepted.
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    ...servers,
    '',
    ...(options.statsPort === undefined
      ? []
      : [
          'frontend stats',
          `  bind ${options.frontendHost}:${options.statsPort}`,
          '  stats enable',
          '  stats uri /',
          '  stats refresh 5s',
          '',
        ]),
  ].join('\n');
}
