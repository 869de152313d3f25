import type { GatewayCluster } from '@tnt/tools/util-gateway-process';

/** `tnt_ui_connections` of one instance from its own `/metrics`, or `undefined` when it does not answer. */
export async function uiConnections(cluster: GatewayCluster, index: number): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith('tnt_ui_connections '));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  } catch {
    return undefined;
  }
}

async function allConnections(cluster: GatewayCluster): Promise<(number | undefined)[]> {
  return Promise.all(Array.from({ length: cluster.size }, (_, index) => uiConnections(cluster, index)));
}

/**
 * Opens one UI client through the load balancer and finds out which instance took it: the one whose
 * connection gauge went up by one. Clients must be opened one at a time for the answer to hold.
 */
export async function openPlaced<T>(
  cluster: GatewayCluster,
  open: () => Promise<T>,
  timeoutMs = 5000,
): Promise<{ client: T; instance: number }> {
  const before = await allConnections(cluster);
  const client = await open();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const after = await allConnections(cluster);
    const grown = after.flatMap((count, index) => (count !== undefined && count === (before[index] ?? 0) + 1 ? [index] : []));
    if (grown.length === 1) return { client, instance: grown[0] };
    if (Date.now() > deadline) throw new Error(`could not tell which instance took the client: before ${before}, after ${after}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
