import { ALL_CALLS } from '@tnt/protocol';
import type { HaproxyHealthCheck } from '@tnt/tools/util-gateway-process';
import { addAccounts, EMPTY_ACCOUNT, type DeliveryAccount } from '../transport/delivery-tracker';
import { BENCH_AGENT_ID, callNames } from '../transport/contact-centre';
import { sleep } from '../transport/measured-run';
import { ClusterTarget, type SharedServices } from './cluster-target';
import { ResumingClient, type Duplicate } from './resuming-client';

/** The failover scenario's size and the cluster's timing settings. */
export interface FailoverPlan {
  readonly calls: number;
  readonly supervisors: number;
  readonly ratePerCall: number;
  readonly staggerMs: number;
  /** Live calls run this long before each kill. */
  readonly warmupMs: number;
  /** TNT_LEASE_MS and TNT_LEASE_RENEW_MS of the instances. */
  readonly leaseMs: number;
  readonly leaseRenewMs: number;
  readonly healthCheck: HaproxyHealthCheck;
}

/** What the clients of one killed instance went through. */
export interface KillOutcome {
  /** Clients whose socket the kill closed. */
  readonly clientsLost: number;
  /** Kill → resumed subscription caught up with what the server held when it answered, per client that caught up (ms). */
  readonly resumeMs: readonly number[];
  /** Clients that lost their socket and had not caught up when the wait ended. */
  readonly notCaughtUp: number;
  /** Calls answered `recovered: false` on resume (a snapshot instead of the missed events). */
  readonly notRecovered: number;
  /** Kill → the new connection's `connected`, and → its subscription answered, per client (ms). */
  readonly connectedMs: readonly number[];
  readonly subscribedMs: readonly number[];
  /** Connection attempts per client. */
  readonly attempts: readonly number[];
}

/** The whole scenario. */
export interface FailoverResult {
  readonly plan: FailoverPlan;
  /** Instance 1 (it owns no call: the audio goes to instance 0) killed with SIGKILL while the calls run. */
  readonly nonOwnerKilled: KillOutcome;
  /** Instance 0, the owner of every call, killed with SIGKILL. */
  readonly ownerKilled: KillOutcome & {
    /**
     * Per surviving instance (`instance 1`, `instance 2`): kill → the last call's `ended` seen by a
     * client on it (ms; null: not all seen).
     */
    readonly endedMsByInstance: Readonly<Record<string, number | null>>;
    /** How the calls were ended (`interrupted` by the reaper). */
    readonly endReasons: Readonly<Record<string, number>>;
  };
  /** Every client's events against each call's last `seq`, over the whole scenario. */
  readonly delivery: DeliveryAccount;
  /** Each event a client received twice, for finding out why. */
  readonly duplicates: readonly (Duplicate & { readonly subscription: string })[];
}

/** Resolves once `done()` holds, or after `timeoutMs`; returns whether it held. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Kill → caught-up times of the clients that lost their socket at or after `killAt`. */
async function resumesAfter(clients: readonly ResumingClient[], killAt: number, waitMs: number): Promise<KillOutcome> {
  // A SIGKILLed process's sockets are reset by the kernel at once; HAProxy passes the close on.
  await sleep(1000);
  const lostNow = () => clients.flatMap((client) => client.resumptions.filter((resumption) => resumption.lostAt >= killAt));
  await until(() => lostNow().every((resumption) => resumption.caughtUpAt !== undefined), waitMs);
  const resumptions = lostNow();
  return {
    clientsLost: resumptions.length,
    resumeMs: resumptions.flatMap((resumption) => (resumption.caughtUpAt === undefined ? [] : [resumption.caughtUpAt - killAt])),
    notCaughtUp: resumptions.filter((resumption) => resumption.caughtUpAt === undefined).length,
    notRecovered: resumptions.reduce((sum, resumption) => sum + resumption.notRecovered, 0),
    connectedMs: resumptions.flatMap((resumption) => (resumption.connectedAt === undefined ? [] : [resumption.connectedAt - killAt])),
    subscribedMs: resumptions.flatMap((resumption) => (resumption.subscribedAt === undefined ? [] : [resumption.subscribedAt - killAt])),
    attempts: resumptions.map((resumption) => resumption.attempts),
  };
}

/** Opens clients a few at a time. */
async function openAll(clients: readonly ResumingClient[]): Promise<void> {
  for (let index = 0; index < clients.length; index += 10)
    await Promise.all(clients.slice(index, index + 10).map((client) => client.open()));
}

/**
 * Failover on a 3-instance cluster: the calls' audio goes to instance 0; supervisors (`'*'`) and
 * one agent per call connect through HAProxy, so they spread over the three. Instance 1 is killed
 * (SIGKILL): its clients reconnect through HAProxy and resume with `since`; it is restarted. Then
 * instance 0, the owner of every call, is killed: the others must end its calls (`interrupted`)
 * once its lease has expired, and every client must see that. Throughout, every event of every call
 * is accounted at every client.
 */
export async function runFailover(plan: FailoverPlan, services: SharedServices): Promise<FailoverResult> {
  const target = await ClusterTarget.start(
    {
      instances: 3,
      ingest: 'one',
      connections: plan.supervisors + plan.calls + 10,
      env: { TNT_LEASE_MS: String(plan.leaseMs), TNT_LEASE_RENEW_MS: String(plan.leaseRenewMs) },
      healthCheck: plan.healthCheck,
    },
    services,
  );
  const clients: ResumingClient[] = [];
  const observers: ResumingClient[] = [];
  try {
    const agentToken = await target.agentToken(BENCH_AGENT_ID);
    const supervisors = Array.from({ length: plan.supervisors }, () => new ResumingClient(target.url, target.supervisorToken, ALL_CALLS));
    clients.push(...supervisors);
    await openAll(supervisors);
    const { callIds, agentIds } = callNames('failover', plan.calls);
    await target.startCalls({ callIds, agentIds, ratePerCall: plan.ratePerCall, staggerMs: plan.staggerMs });
    const agents = callIds.map((callId) => new ResumingClient(target.url, agentToken, callId));
    clients.push(...agents);
    await openAll(agents);
    await sleep(plan.warmupMs);

    console.error('  failover: killing instance 1 (owns no call)…');
    const firstKillAt = performance.now();
    await target.cluster.kill(1, 'SIGKILL');
    const nonOwnerKilled = await resumesAfter(clients, firstKillAt, 20_000);
    await sleep(2000);
    await target.cluster.restart(1);
    await target.cluster.haproxy.waitForBackendStatus(1, 'UP', 60_000);

    // One observer on each instance that survives the owner, straight to it rather than through HAProxy.
    for (const index of [1, 2]) observers.push(new ResumingClient(target.instanceWsUrl(index), target.supervisorToken, ALL_CALLS));
    await openAll(observers);
    await sleep(plan.warmupMs);

    console.error('  failover: killing instance 0 (owns every call)…');
    const ownerKillAt = performance.now();
    await target.cluster.kill(0, 'SIGKILL');
    const ownerResumes = await resumesAfter(clients, ownerKillAt, 20_000);
    const allEnded = (client: ResumingClient) => callIds.every((callId) => client.endedAt.has(callId));
    await until(() => observers.every(allEnded), plan.leaseMs + 30_000);
    const endedMsByInstance = Object.fromEntries(
      observers.map((observer, index) => [
        `instance ${index + 1}`,
        allEnded(observer) ? Math.max(...callIds.map((callId) => (observer.endedAt.get(callId) as number) - ownerKillAt)) : null,
      ]),
    );
    // Every client, wherever it is now, must see every end it watches.
    const watchesAllEnds = (client: ResumingClient) =>
      client.subscription === ALL_CALLS ? allEnded(client) : client.endedAt.has(client.subscription);
    await until(() => clients.every(watchesAllEnds), 10_000);
    await target.stopIngest();

    const lastSeqByCall = Object.fromEntries(
      callIds.flatMap((callId) => {
        const seq = observers.map((observer) => observer.endedSeq.get(callId)).find((found) => found !== undefined);
        return seq === undefined ? [] : [[callId, seq]];
      }),
    );
    const delivery = clients.reduce(
      (sum, client) =>
        addAccounts(
          sum,
          client.tracker.account(lastSeqByCall, (callId) => client.subscription === ALL_CALLS || client.subscription === callId),
        ),
      EMPTY_ACCOUNT,
    );
    const endReasons: Record<string, number> = {};
    for (const reason of observers[0]?.endReasons.values() ?? []) endReasons[reason] = (endReasons[reason] ?? 0) + 1;
    return {
      plan,
      nonOwnerKilled,
      ownerKilled: { ...ownerResumes, endedMsByInstance, endReasons },
      delivery,
      duplicates: clients.flatMap((client) => client.duplicates.map((duplicate) => ({ ...duplicate, subscription: client.subscription }))),
    };
  } finally {
    await Promise.all([...clients, ...observers].map((client) => client.close()));
    await target.stop();
  }
}
