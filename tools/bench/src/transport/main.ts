/**
 * Transport benchmark (issue 7): TnT's real gateway against a raw `ws` broadcast server and a
 * Socket.IO 4 server, all run in this run on this machine, under the same client load.
 *
 *   node tools/build/build-server.js
 *   node dist/server/tools/bench/src/transport/main.js [--quick] [--scenarios contact,saturation,connections,slow]
 *        [--targets 'TnT,raw ws,Socket.IO'] [--client-processes 2] [--connections 10000] [--profile]
 *        [--trace-gc] [--slow-baseline]
 *
 * --profile writes CPU profiles of the gateway (dist/bench/transport-profiles) and summarises them;
 * --trace-gc runs every server with --trace-gc (dist/bench/transport-gc) and sums the GC pauses;
 * --slow-baseline also runs the slow-consumer case against raw ws (what an unbounded server does, +80 s).
 */
import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';
import { runContactCentre, type ContactCentreResult } from './contact-centre';
import { runManyConnections, type ManyConnectionsResult } from './idle-connections';
import { summariseProfiles } from './profile-summary';
import { runSaturation, type SaturationResult } from './saturation';
import { SCENARIO_NAMES, transportPlans, type ScenarioName } from './scenario-plans';
import { runSlowConsumer, type SlowConsumerResult } from './slow-consumer';
import { transportReport } from './transport-report';
import type { Diagnostics, TargetName } from './transport-target';
import { summariseGcTraceFile, type GcPauses } from './gc-trace';

const TARGETS: readonly TargetName[] = ['TnT', 'raw ws', 'Socket.IO'];

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string', default: SCENARIO_NAMES.join(',') },
      'client-processes': { type: 'string', default: '2' },
      connections: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'trace-gc': { type: 'boolean', default: false },
      'slow-baseline': { type: 'boolean', default: false },
      targets: { type: 'string', default: TARGETS.join(',') },
    },
  });
  const scenarios = (values.scenarios ?? '').split(',').map((name) => name.trim());
  const unknown = scenarios.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--scenarios: unknown ${unknown.join(', ')} (known: ${SCENARIO_NAMES.join(', ')})`);
  const targets = (values.targets ?? '').split(',').map((name) => name.trim());
  const unknownTargets = targets.filter((name) => !(TARGETS as readonly string[]).includes(name));
  if (unknownTargets.length > 0) throw new Error(`--targets: unknown ${unknownTargets.join(', ')} (known: ${TARGETS.join(', ')})`);
  const clientProcesses = Number(values['client-processes']);
  if (!Number.isInteger(clientProcesses) || clientProcesses < 1)
    throw new Error(`--client-processes must be a positive integer (got ${values['client-processes']})`);
  const connections = values.connections === undefined ? undefined : Number(values.connections);
  if (connections !== undefined && !(Number.isInteger(connections) && connections > 0))
    throw new Error(`--connections must be a positive integer (got ${values.connections})`);
  return {
    quick: values.quick === true,
    scenarios: new Set(scenarios as ScenarioName[]),
    targets: targets as TargetName[],
    clientProcesses,
    connections,
    profile: values.profile === true,
    traceGc: values['trace-gc'] === true,
    slowBaseline: values['slow-baseline'] === true,
  };
}

/** Runs `run` for each target in turn (TnT first), logging progress; `run` sees the results so far. */
async function eachTarget<T>(
  scenario: string,
  targets: readonly TargetName[],
  run: (target: TargetName, earlier: readonly T[]) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  for (const target of targets) {
    const startedAt = performance.now();
    console.error(`${scenario}: ${target}…`);
    results.push(await run(target, results));
    console.error(`${scenario}: ${target} done in ${Math.round((performance.now() - startedAt) / 1000)} s`);
  }
  return results;
}

/**
 * The scripted calls publish their nominal rate only on average over a conversation, so the
 * baselines get the rate TnT actually published in its window: the same load for all three.
 */
function tntRatePerCall(
  earlier: readonly { readonly target: TargetName; readonly run: { readonly publishedPerCallPerSecond: number } }[],
  nominal: number,
): number {
  const measured = earlier.find((result) => result.target === 'TnT')?.run.publishedPerCallPerSecond;
  return measured !== undefined && measured > 0 ? measured : nominal;
}

/** GC pauses of every server, by trace file (`<scenario>-<target>.log`). */
function gcPausesIn(directory: string): Record<string, GcPauses[]> {
  return Object.fromEntries(
    readdirSync(directory)
      .sort()
      .map((file) => [file.replace(/\.log$/, ''), summariseGcTraceFile(join(directory, file))]),
  );
}

async function main(): Promise<void> {
  const chosen = options();
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0];
  const freshDir = (name: string) => {
    const directory = join(workspaceRoot(), 'dist', 'bench', name);
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    return directory;
  };
  const diagnostics: Diagnostics = {
    cpuProfileDir: chosen.profile ? freshDir('transport-profiles') : undefined,
    gcTraceDir: chosen.traceGc ? freshDir('transport-gc') : undefined,
  };
  const plans = transportPlans(chosen.quick, chosen.clientProcesses, chosen.connections, chosen.slowBaseline);
  let contact: ContactCentreResult[] | undefined;
  let saturation: SaturationResult[] | undefined;
  let connections: ManyConnectionsResult[] | undefined;
  let slow: SlowConsumerResult[] | undefined;
  if (chosen.scenarios.has('contact')) {
    contact = [];
    for (let round = 1; round <= plans.contactRounds; round++) {
      contact.push(
        ...(await eachTarget<ContactCentreResult>(
          `contact centre, round ${round} of ${plans.contactRounds}`,
          chosen.targets,
          (target, earlier) =>
            runContactCentre(target, { ...plans.contact, ratePerCall: tntRatePerCall(earlier, plans.contact.ratePerCall), diagnostics }),
        )),
      );
    }
  }
  if (chosen.scenarios.has('saturation'))
    saturation = await eachTarget('saturation', chosen.targets, (target) => runSaturation(target, { ...plans.saturation, diagnostics }));
  if (chosen.scenarios.has('connections')) {
    const { calls, eventsPerSecond, comparableEventsPerSecond } = plans.connections;
    connections = [];
    for (let round = 1; round <= plans.connectionsRounds; round++) {
      connections.push(
        ...(await eachTarget<ManyConnectionsResult>(
          `connections, round ${round} of ${plans.connectionsRounds}`,
          chosen.targets,
          (target, earlier) =>
            runManyConnections(target, {
              ...plans.connections,
              eventsPerSecond: tntRatePerCall(earlier, eventsPerSecond / calls) * calls,
              comparableEventsPerSecond:
                tntRatePerCall(
                  earlier.map((result) => ({ target: result.target, run: result.comparable })),
                  comparableEventsPerSecond / calls,
                ) * calls,
              diagnostics,
            }),
        )),
      );
    }
  }
  if (chosen.scenarios.has('slow')) {
    // Socket.IO has no slow-consumer run (its client cannot stop reading); raw ws only with --slow-baseline.
    const targets = chosen.targets.filter((target) => target === 'TnT' || (target === 'raw ws' && plans.slowAgainstRawWs));
    slow = [];
    for (let round = 1; round <= plans.slowRounds; round++) {
      slow.push(
        ...(await eachTarget(`slow consumer, round ${round} of ${plans.slowRounds}`, targets, (target) =>
          runSlowConsumer(target, { ...plans.slow, diagnostics }),
        )),
      );
    }
  }
  publish(
    transportReport({
      plans,
      quick: chosen.quick,
      contact,
      saturation,
      connections,
      slow,
      profiles: diagnostics.cpuProfileDir ? summariseProfiles(diagnostics.cpuProfileDir) : undefined,
      gcPauses: diagnostics.gcTraceDir ? gcPausesIn(diagnostics.gcTraceDir) : undefined,
      loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
      durationSeconds: (performance.now() - startedAt) / 1000,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
