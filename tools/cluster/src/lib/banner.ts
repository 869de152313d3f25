import type { ClusterUser } from '@tnt/tools/util-gateway-process';

/** What the launcher prints once everything runs. */
export interface ClusterBanner {
  readonly url: string;
  readonly instanceUrls: readonly string[];
  readonly store: string;
  readonly bus: string;
  readonly users: readonly (ClusterUser & { readonly agentId?: string })[];
  readonly ingestApiKey: string;
  readonly statsUrl: string;
  readonly demoCalls: number;
}

/** The banner: where to go, who to sign in as, and what runs behind the address. */
export function clusterBanner(banner: ClusterBanner): string {
  const clusterMode = banner.store === 'postgres' && banner.bus === 'redis';
  const lines = [
    '',
    `TnT cluster: ${banner.instanceUrls.length} gateway instances behind HAProxy (TNT_STORE=${banner.store}, TNT_BUS=${banner.bus})`,
    `  dashboard and API: ${banner.url}   (sign in at ${banner.url}/login)`,
    ...banner.instanceUrls.map((url, index) => `  instance ${index}: ${url}   (direct, bypassing HAProxy: /metrics, /readyz)`),
    `  HAProxy statistics: ${banner.statsUrl}`,
    'Demo credentials (the passwords change at every start):',
    ...banner.users.map((user) => {
      const role = user.agentId === undefined ? 'supervisor' : 'agent';
      const agent = user.agentId === undefined ? '' : ` (agentId ${user.agentId})`;
      return `  ${role.padEnd(10)} ${user.username.padEnd(12)} password ${user.password}${agent}`;
    }),
    `  ingest API key: ${banner.ingestApiKey}`,
    banner.demoCalls > 0
      ? `${banner.demoCalls} demo call line(s) stream through ${banner.url}/ingest/l16.`
      : 'No demo calls (--demo-calls 0).',
  ];
  if (!clusterMode) {
    lines.push(
      'NOT cluster mode: each instance keeps its own calls, so a client sees only the calls of the instance HAProxy gave it.',
      'Run without TNT_STORE/TNT_BUS (PostgreSQL + Redis) for one shared view.',
    );
  }
  lines.push('Ctrl-C stops everything.', '');
  return lines.join('\n');
}
