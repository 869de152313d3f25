import type { GatewayCredentials } from '@tnt/tools/feature-simulator';
import { provisionAccess, startGateway } from '@tnt/tools/util-gateway-process';
import { ClusterTarget, PRODUCTION_HEALTH_CHECK, type SharedServices } from '../cluster/cluster-target';

/** The gateways a run offers its calls to: where calls go in, and each instance's own URL to read. */
export interface OverloadGateways {
  /** Where calls are placed: the gateway itself, or HAProxy in front of the instances. */
  readonly baseUrl: string;
  /** Each instance's own `http://host:port`, bypassing HAProxy. */
  readonly instanceUrls: readonly string[];
  readonly credentials: GatewayCredentials;
  /** Stops everything started, and forgets the cluster's schema and key prefix. */
  stop(): Promise<void>;
}

/** Every instance decodes with the real engine: refusals must come from measured capacity, not a script. */
const SPEECH_ENV = { TNT_ENGINE: 'pocketsphinx' };

/** One built gateway on its own (in-memory store, in-process bus), calls straight to it: `npm start`'s shape. */
export async function startSingleGateway(env: Readonly<Record<string, string>>): Promise<OverloadGateways> {
  const access = await provisionAccess();
  const gateway = await startGateway({ ...access.env, ...SPEECH_ENV, ...env }, 60_000);
  const url = `http://127.0.0.1:${gateway.port}`;
  return {
    baseUrl: url,
    instanceUrls: [url],
    credentials: { ingestApiKey: access.ingestApiKey, token: access.supervisorToken },
    stop: async () => {
      await gateway.stop();
    },
  };
}

/**
 * `instances` built gateways with TNT_STORE=postgres and TNT_BUS=redis on a schema and key prefix
 * of their own, behind HAProxy checking `/readyz` as docs/haproxy.cfg does: calls go in through
 * HAProxy, so HAProxy places them (round robin over the instances in rotation).
 */
export async function startOverloadCluster(
  instances: number,
  lines: number,
  env: Readonly<Record<string, string>>,
  services: SharedServices,
): Promise<OverloadGateways> {
  const target = await ClusterTarget.start(
    // One UI connection watches every call; the ingest connections are not counted against the limit.
    { instances, ingest: 'spread', connections: lines + 1, env: { ...SPEECH_ENV, ...env }, healthCheck: PRODUCTION_HEALTH_CHECK },
    services,
  );
  const { cluster } = target;
  return {
    baseUrl: cluster.url,
    instanceUrls: Array.from({ length: cluster.size }, (_, index) => cluster.instanceUrl(index)),
    credentials: { ingestApiKey: cluster.ingestApiKey, token: target.supervisorToken },
    stop: () => target.stop(),
  };
}
