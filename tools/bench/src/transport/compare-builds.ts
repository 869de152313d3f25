/**
 * The transport benchmark's contact-centre and saturation scenarios against two builds of the
 * gateway in one run, alternating between them round by round, so that a change is compared with
 * the code before it on the same machine under the same conditions:
 *
 *   npm run bench:compare -- <git ref of the baseline, e.g. main~5> [--rounds 2] [--quick]
 *
 * The baseline is checked out into a temporary git worktree and built there; both builds are run
 * by this checkout's benchmark (only the gateway process differs), TnT target only.
 */
import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publish } from '../support/report';
import type { ContactCentreResult } from './contact-centre';
import type { SaturationResult } from './saturation';

/** The figures compared, each from one round of one build. */
interface RoundFigures {
  readonly contactP50Ms: number;
  readonly contactP99Ms: number;
  readonly lost: number;
  readonly saturationPerSecond: number;
}

/** How far the change may move a figure from the baseline's: the "within 10 %". */
const ALLOWED_CHANGE = 0.1;

function options(): { baseline: string; rounds: number; quick: boolean } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '2' }, quick: { type: 'boolean', default: false } },
  });
  const baseline = positionals[0];
  if (!baseline) throw new Error('name the baseline: npm run bench:compare -- <git ref>');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer (got ${values.rounds})`);
  return { baseline, rounds, quick: values.quick === true };
}

/** Checks `ref` out beside this workspace and builds its gateway; returns the built entry point. */
function buildBaseline(root: string, ref: string): { main: string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'tnt-baseline-'));
  const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, stdio: 'inherit' });
  run('git', ['worktree', 'add', '--detach', directory, ref], root);
  symlinkSync(join(root, 'node_modules'), join(directory, 'node_modules'));
  run(process.execPath, [join(directory, 'tools', 'build', 'build-server.js')], directory);
  const main = join(directory, 'dist', 'server', 'apps', 'gateway', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`the baseline build made no ${main}`);
  return { main, remove: () => run('git', ['worktree', 'remove', '--force', directory], root) };
}

/** One round of both scenarios on the gateway at `gatewayMain`, by this checkout's benchmark. */
function runRound(root: string, gatewayMain: string, quick: boolean): RoundFigures {
  const bench = join(root, 'dist', 'server', 'tools', 'bench', 'src', 'transport', 'main.js');
  const args = [bench, '--scenarios', 'contact,saturation', '--targets', 'TnT', ...(quick ? ['--quick'] : [])];
  execFileSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TNT_BENCH_GATEWAY_MAIN: gatewayMain },
  });
  const reportFile = join(root, 'dist', 'bench', quick ? 'transport-quick.json' : 'transport.json');
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    details: { contact: ContactCentreResult[]; saturation: SaturationResult[] };
  };
  const contact = report.details.contact;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return {
    contactP50Ms: median(contact.map((result) => result.run.latency.p50)),
    contactP99Ms: median(contact.map((result) => result.run.latency.p99)),
    lost: contact.reduce((sum, result) => sum + result.run.delivery.lost, 0),
    saturationPerSecond: report.details.saturation[0]?.best?.deliveredPerSecond ?? 0,
  };
}

function main(): void {
  const chosen = options();
  const root = workspaceRoot();
  const baseline = buildBaseline(root, chosen.baseline);
  const current = join(root, 'dist', 'server', 'apps', 'gateway', 'src', 'main.js');
  const rounds: { before: RoundFigures; after: RoundFigures }[] = [];
  try {
    for (let round = 1; round <= chosen.rounds; round++) {
      console.error(`round ${round} of ${chosen.rounds}: baseline ${chosen.baseline}, then this checkout`);
      rounds.push({ before: runRound(root, baseline.main, chosen.quick), after: runRound(root, current, chosen.quick) });
    }
  } finally {
    baseline.remove();
    for (const name of ['transport.json', 'transport.md', 'transport-quick.json', 'transport-quick.md']) {
      rmSync(join(root, 'dist', 'bench', name), { force: true });
    }
  }
  const median = (pick: (figures: RoundFigures) => number, side: 'before' | 'after') => {
    const values = rounds.map((round) => pick(round[side])).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? Number.NaN;
  };
  const sum = (pick: (figures: RoundFigures) => number, side: 'before' | 'after') =>
    rounds.reduce((total, round) => total + pick(round[side]), 0);
  const row = (measure: string, pick: (figures: RoundFigures) => number, higherIsBetter: boolean) => {
    const before = median(pick, 'before');
    const after = median(pick, 'after');
    const change = before === 0 ? 0 : (after - before) / before;
    const worse = higherIsBetter ? -change : change;
    return [
      measure,
      before,
      after,
      `${change >= 0 ? '+' : ''}${Math.round(change * 1000) / 10} %`,
      worse <= ALLOWED_CHANGE ? 'met' : 'missed',
    ];
  };
  publish({
    name: 'transport-compare',
    title: `Transport: this checkout against ${chosen.baseline}, same run (medians of ${chosen.rounds} alternating rounds)`,
    notes: [
      "TnT target only; both gateways are run by this checkout's benchmark, so only the gateway process differs.",
      `Bar: each figure within ${ALLOWED_CHANGE * 100} % of the baseline's (worse by at most that much).`,
    ],
    columns: ['measure', 'baseline', 'this checkout', 'change', 'bar ≤ 10 % worse'],
    rows: [
      row('contact centre: p50 publish → receive (ms)', (figures) => figures.contactP50Ms, false),
      row('contact centre: p99 publish → receive (ms)', (figures) => figures.contactP99Ms, false),
      [
        'contact centre: messages lost (all rounds)',
        sum((figures) => figures.lost, 'before'),
        sum((figures) => figures.lost, 'after'),
        '—',
        sum((figures) => figures.lost, 'after') === 0 ? 'met (0)' : 'missed',
      ],
      row('saturation: most deliveries/s with p99 ≤ 100 ms', (figures) => figures.saturationPerSecond, true),
    ],
    details: rounds,
  });
}

main();
