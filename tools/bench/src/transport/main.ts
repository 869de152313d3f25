/**
 * Transport benchmark (issue 7): TnT's real gateway against a raw `ws` broadcast server and a
 * Socket.IO 4 server, all run in this run on this machine, under the same client load.
 *
 *   node dist/server/tools/bench/src/transport/main.js [--quick] [--scenarios contact,saturation,connections,slow]
 */
import { runContactCentre } from './contact-centre';

async function main(): Promise<void> {
  const timing = { warmupMs: 2000, measureMs: 8000, drainTimeoutMs: 10_000 };
  const plan = { calls: 200, supervisors: 50, ratePerCall: 5, staggerMs: 3000, timing, clientProcesses: 2 };
  const tnt = await runContactCentre('TnT', plan);
  console.log(JSON.stringify(tnt, null, 1));
  const rate = tnt.run.publishedPerCallPerSecond;
  for (const name of ['raw ws', 'Socket.IO'] as const) console.log(JSON.stringify(await runContactCentre(name, { ...plan, ratePerCall: rate }), null, 1));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
