/**
 * Cluster benchmark (issue 13): TnT as 3 instances behind HAProxy (TNT_STORE=postgres, TNT_BUS=redis,
 * a schema and key prefix of this run's own) against the plain single-process SQLite gateway, in
 * the same run on the same machine, with the transport benchmark's scenarios; then the Redis bus
 * alone and PostgreSQL finals (the bus benchmark, run as it is), and failover (instances killed).
 *
 *   npm run bench:cluster
 *   node dist/server/tools/bench/src/cluster/main.js [--quick] [--rounds 2] [--scenarios contact,saturation,bus,failover] [--direct]
 *
 * `--ingest one` streams every call to instance 0 (default `spread`, through HAProxy): the other two
 * then only read the stream and serve their clients, so their CPU is what reading the whole stream costs.
 * `--supervisors N` sets the contact centre's supervisors on '*' (default 50).
 * `--direct` adds a third side to the contact centre: the cluster with its UI clients straight to the
 * instances, so the report shows how much of the added latency and CPU is HAProxy's.
 *        [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--redis-url redis://127.0.0.1:6379]
 *
 * Three instances on the same 2 cores measure what the cluster costs (Redis round trips, PostgreSQL
 * commits, every instance reading the whole stream), not how it scales: that needs more machines.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';
import { contactCentreConnections, runContactCentreOn } from '../transport/contact-centre';
import { runSaturationOn } from '../transport/saturation';
import { transportPlans } from '../transport/scenario-plans';
import { TntTarget } from '../transport/tnt-target';
import { runBusBenchmark, type BusFigures } from './bus-figures';
import { clusterReport, type ContactOutcome, type SaturationOutcome } from './cluster-report';
import { ClusterTarget, PRODUCTION_HEALTH_CHECK, type SharedServices } from './cluster-target';
import { runFailover, type FailoverPlan, type FailoverResult } from './failover';

const SCENARIOS = ['contact', 'saturation', 'bus', 'failover'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** The single-instance baseline: the gateway `npm start` runs (SQLite in its data directory, in-process bus), reached directly. */
const SINGLE_ENV = { TNT_STORE: 'sqlite', TNT_BUS: 'local', TNT_LOG_LEVEL: 'log' };
const INSTANCES = 3;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      direct: { type: 'boolean', default: false },
      supervisors: { type: 'string' },
      ingest: { type: 'string', default: 'spread' },
      rounds: { type: 'string' },
      scenarios: { type: 'string', default: SCENARIOS.join(',') },
      'client-processes': { type: 'string', default: '2' },
      'database-url': { type: 'string', default: process.env['TNT_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      'redis-url': { type: 'string', default: process.env['TNT_REDIS_URL'] ?? 'redis://127.0.0.1:6379' },
    },
  });
  const scenarios = (values.scenarios ?? '').split(',').map((name) => name.trim());
  const unknown = scenarios.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--scenarios: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  const quick = values.quick === true;
  const rounds = Number(values.rounds ?? (quick ? 1 : 2));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer (got ${values.rounds})`);
  const clientProcesses = Number(values['client-processes']);
  if (!Number.isInteger(clientProcesses) || clientProcesses < 1)
    throw new Error(`--client-processes must be a positive integer (got ${values['client-processes']})`);
  const supervisors = values.supervisors === undefined ? undefined : Number(values.supervisors);
  if (supervisors !== undefined && !(Number.isInteger(supervisors) && supervisors >= 0))
    throw new Error(`--supervisors must be a whole number (got ${values.supervisors})`);
  const ingest = values.ingest;
  if (ingest !== 'spread' && ingest !== 'one') throw new Error(`--ingest must be spread or one (got ${ingest})`);
  return {
    quick,
    supervisors,
    ingest: ingest as 'spread' | 'one',
    direct: values.direct === true,
    rounds,
    clientProcesses,
    scenarios: new Set(scenarios as Scenario[]),
    services: { databaseUrl: values['database-url'] as string, redisUrl: values['redis-url'] as string } satisfies SharedServices,
  };
}

/** `uptime`'s load averages, from /proc/loadavg. */
function loadAverages(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  console.error(`${label}…`);
  const result = await run();
  console.error(`${label}: done in ${Math.round((performance.now() - startedAt) / 1000)} s (load ${loadAverages()})`);
  return result;
}

async function main(): Promise<void> {
  const chosen = options();
  const startedAt = performance.now();
  const loadAtStart = loadAverages();
  const defaults = transportPlans(chosen.quick, chosen.clientProcesses);
  // Fewer supervisors on '*' means fewer deliveries for the same calls: the cluster's own cost per
  // event (firehose read, fenced append, commit) stays while the fan-out shrinks.
  const plans =
    chosen.supervisors === undefined ? defaults : { ...defaults, contact: { ...defaults.contact, supervisors: chosen.supervisors } };
  const failoverPlan: FailoverPlan = {
    calls: 40,
    supervisors: 20,
    ratePerCall: 5,
    staggerMs: 2000,
    warmupMs: chosen.quick ? 3000 : 5000,
    leaseMs: 10_000,
    leaseRenewMs: 3000,
    healthCheck: PRODUCTION_HEALTH_CHECK,
  };
  const startCluster = (connections: number, clients: 'balanced' | 'direct' = 'balanced') =>
    ClusterTarget.start({ instances: INSTANCES, ingest: chosen.ingest, clients, connections }, chosen.services);
  const startSingle = (connections: number) => TntTarget.start({ connections, gatewayEnv: SINGLE_ENV });

  // A scenario that fails (a side that cannot start, ingest refused on an overloaded machine) is
  // reported as such, and the others still run: one failure must not cost the whole run's figures.
  const failures: string[] = [];
  const attempt = async <T>(label: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await timed(label, run);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
      console.error(`${label}: failed: ${error instanceof Error ? error.stack : String(error)}`);
      failures.push(`${label}: ${reason}`);
      return undefined;
    }
  };

  let contact:
    { cluster: ContactOutcome[]; single: ContactOutcome[]; direct?: { run: ContactOutcome; single: ContactOutcome }[] } | undefined;
  if (chosen.scenarios.has('contact')) {
    contact = { cluster: [], single: [], ...(chosen.direct ? { direct: [] } : {}) };
    const connections = contactCentreConnections(plans.contact);
    type Side = 'single' | 'cluster' | 'direct';
    const allSides: Side[] = chosen.direct ? ['single', 'cluster', 'direct'] : ['single', 'cluster'];
    const labels: Record<Side, string> = {
      single: '1 instance',
      cluster: `${INSTANCES} instances`,
      direct: `${INSTANCES} instances, clients direct`,
    };
    const startSide = (side: Side) =>
      side === 'single' ? startSingle(connections) : startCluster(connections, side === 'direct' ? 'direct' : 'balanced');
    for (let round = 1; round <= chosen.rounds; round++) {
      // Alternate the order of the sides, so a trend in the machine's other load does not favour one.
      const sides = round % 2 === 1 ? allSides : [...allSides].reverse();
      const outcomes: Partial<Record<Side, ContactOutcome>> = {};
      for (const side of sides) {
        const outcome = await attempt(`contact centre, round ${round}: ${labels[side]}`, async () =>
          runContactCentreOn(await startSide(side), plans.contact),
        );
        if (!outcome) continue;
        console.error(
          `  p50 ${outcome.run.latency.p50} ms, p99 ${outcome.run.latency.p99} ms, lost ${outcome.run.delivery.lost}, ` +
            `duplicated ${outcome.run.delivery.duplicates}, CPU ${outcome.run.server.cpuPercent}%` +
            (outcome.run.server.cpuPercentByProcess.length > 1
              ? ` (by process ${outcome.run.server.cpuPercentByProcess.join(' / ')})`
              : ''),
        );
        outcomes[side] = outcome;
      }
      // Rounds are compared pairwise: a round counts only when both sides ran.
      if (outcomes.cluster && outcomes.single) {
        contact.cluster.push(outcomes.cluster);
        contact.single.push(outcomes.single);
      }
      if (outcomes.direct && outcomes.single) contact.direct?.push({ run: outcomes.direct, single: outcomes.single });
    }
    if (contact.cluster.length === 0) contact = undefined;
  }

  let saturation: { cluster: SaturationOutcome; single: SaturationOutcome } | undefined;
  if (chosen.scenarios.has('saturation')) {
    const single = await attempt('saturation: 1 instance', async () =>
      runSaturationOn(await startSingle(plans.saturation.subscribers), '1 instance', plans.saturation),
    );
    const cluster = await attempt(`saturation: ${INSTANCES} instances`, async () =>
      runSaturationOn(await startCluster(plans.saturation.subscribers), `${INSTANCES} instances`, plans.saturation),
    );
    if (single && cluster) saturation = { cluster, single };
  }

  let bus: BusFigures | undefined;
  if (chosen.scenarios.has('bus')) bus = await attempt('bus benchmark', () => runBusBenchmark(chosen.quick ? ['--seconds', '5'] : []));

  let failover: FailoverResult | undefined;
  if (chosen.scenarios.has('failover')) failover = await attempt('failover', () => runFailover(failoverPlan, chosen.services));

  const { contact: contactPlan, saturation: saturationPlan } = plans;
  publish(
    clusterReport({
      contact,
      saturation,
      bus,
      failover,
      failures,
      durationSeconds: (performance.now() - startedAt) / 1000,
      notes: [
        `Cluster: ${INSTANCES} built gateways (scripted engine, TNT_STORE=postgres, TNT_BUS=redis, a fresh schema and key ` +
          'prefix per start, ' +
          `${chosen.services.databaseUrl.replace(/\/\/[^@]*@/, '//')} and ${chosen.services.redisUrl}) behind HAProxy 2.6; ` +
          (chosen.ingest === 'one'
            ? 'UI clients go through HAProxy (round robin); every call is streamed to instance 0 (--ingest one); '
            : 'UI clients and ingest connections go through HAProxy, so both spread round robin over the instances; ') +
          (chosen.direct ? 'the "clients direct" side connects the UI clients straight to the instances in turn; ' : '') +
          'HAProxy checks /readyz as docs/haproxy.cfg does (inter 2 s, fall 3, rise 2, timeout 1.5 s).',
        `1 instance: the same build as \`npm start\` runs it (TNT_STORE=sqlite, in-process bus), clients straight to it. ` +
          'Both sides log at the default level and use the same ingest driver and client processes.',
        `Contact centre: ${contactPlan.calls} calls × ${contactPlan.ratePerCall} events/s, ${contactPlan.supervisors} supervisors ` +
          `on * and one agent per call, ${contactPlan.timing.measureMs / 1000} s measured per run; ${chosen.rounds} round(s), ` +
          'sides alternating first; added latency is cluster − 1 instance per round, median over rounds.',
        `Saturation: ${saturationPlan.subscribers} subscribers on *, the event rate raised ×${saturationPlan.stepFactor} per step until ` +
          `p99 > ${saturationPlan.p99LimitMs} ms or under ${saturationPlan.minDeliveredShare * 100} % delivered. All ${INSTANCES} ` +
          'instances share the same 2 cores with HAProxy, PostgreSQL, Redis and the clients: this measures the overhead of the cluster, ' +
          'not its scaling.',
        `Failover: ${failoverPlan.calls} calls streamed to instance 0, ${failoverPlan.supervisors} supervisors on * and one agent ` +
          `per call through HAProxy, TNT_LEASE_MS ${failoverPlan.leaseMs}, TNT_LEASE_RENEW_MS ${failoverPlan.leaseRenewMs}. ` +
          'Instance 1 is killed, restarted; then instance 0. ' +
          'Caught up: the resumed subscription has delivered every event up to the lastSeq the new instance answered with.',
        `Load average (1, 5, 15 min) at the start ${loadAtStart}, at the end ${loadAverages()}; the machine is shared with other work.`,
      ],
    }),
  );
}

main().then(
  // Nothing must keep running once the report is out (a client socket or timer left by a failed stop).
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
