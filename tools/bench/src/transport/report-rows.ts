import type { GcPauses } from './gc-trace';
import { median, medianRow, tntAndRawMeasured } from './median-row';
import type { ManyConnectionsResult } from './idle-connections';
import type { CallsRun } from './measured-run';
import { comparedRow, figure, INFO, infoRow, perTarget, textRow, type ReportRow } from './report-cells';
import type { SaturationResult } from './saturation';
import type { SlowConsumerResult } from './slow-consumer';
import type { TargetName } from './transport-target';

/** Each target's figure picked from its result. */
export const map = <T>(
  results: Record<TargetName, T | undefined>,
  pick: (result: T) => number,
): Record<TargetName, number | undefined> => ({
  TnT: results.TnT && pick(results.TnT),
  'raw ws': results['raw ws'] && pick(results['raw ws']),
  'Socket.IO': results['Socket.IO'] && pick(results['Socket.IO']),
});

/** Each target's cell text made from its result. */
export const text = <T>(
  results: Record<TargetName, T | undefined>,
  show: (result: T) => string,
): Record<TargetName, string | undefined> => ({
  TnT: results.TnT && show(results.TnT),
  'raw ws': results['raw ws'] && show(results['raw ws']),
  'Socket.IO': results['Socket.IO'] && show(results['Socket.IO']),
});

/** Scenario 2: the most deliveries/s with p99 ≤ 100 ms; ≥ 85 % of raw ws and ≥ 1.5 × Socket.IO. */
export function saturationRows(results: readonly SaturationResult[]): ReportRow[] {
  const of = perTarget(results);
  const best = map(of, (result) => result.best?.deliveredPerSecond ?? 0);
  const tnt = best.TnT;
  const raw = best['raw ws'];
  const socketIo = best['Socket.IO'];
  return [
    comparedRow(
      '2 saturation: most deliveries/s with p99 ≤ 100 ms (1,000 on *)',
      best,
      '≥ 0.85 × raw ws and ≥ 1.5 × Socket.IO',
      tnt !== undefined && raw !== undefined && socketIo !== undefined ? tnt >= 0.85 * raw && tnt >= 1.5 * socketIo : undefined,
    ),
    infoRow(
      '2 saturation: p99 at that rate (ms)',
      map(of, (result) => result.best?.latency.p99 ?? Number.NaN),
      '≤ 100',
    ),
    infoRow(
      '2 saturation: server CPU at that rate (% of one core)',
      map(of, (result) => result.best?.serverCpuPercent ?? Number.NaN),
      '—',
    ),
    textRow(
      '2 saturation: first failing rate (deliveries/s: p99 ms, server CPU %)',
      text(of, (result) => {
        const failed = result.steps.find((step) => !step.passed);
        return failed
          ? `${failed.offeredDeliveriesPerSecond}: ${figure(failed.latency.p99)} ms, ${failed.serverCpuPercent} %`
          : 'none failed';
      }),
      '—',
      INFO,
    ),
  ];
}

/**
 * Scenario 3: all connections held; p99 ≤ 1.3 × raw ws's; idle RSS ≤ 16 KB per connection.
 * Over several rounds the medians are compared: at 10,000 sockets most of the time is the
 * kernel's (writev), and one round of raw ws alone varied from 177 to 230 ms between runs.
 */
export function manyConnectionsRows(results: readonly ManyConnectionsResult[]): ReportRow[] {
  const tntRounds = results.filter((result) => result.target === 'TnT');
  const n = results[0]?.opening.requested ?? 0;
  const heldCell = (target: TargetName) => {
    const rounds = results.filter((result) => result.target === target);
    return rounds.length === 0 ? undefined : rounds.map((result) => `${result.census.open} of ${result.opening.requested}`).join(', ');
  };
  const allHeld = tntRounds.length > 0 && tntRounds.every((result) => result.census.open === result.opening.requested);
  return [
    textRow(
      `3 ${n} connections: held through the run`,
      { TnT: heldCell('TnT'), 'raw ws': heldCell('raw ws'), 'Socket.IO': heldCell('Socket.IO') },
      'all',
      tntRounds.length === 0 ? 'not measured' : allHeld ? 'met' : 'missed',
    ),
    medianRow(
      `3 ${n} connections: p99 at 10 events/s to all (ms), median of rounds`,
      results,
      (result) => result.run.latency.p99,
      '≤ 1.3 × raw ws',
      (medians) => (tntAndRawMeasured(medians) ? medians.TnT <= 1.3 * medians['raw ws'] : undefined),
    ),
    medianRow(
      `3 ${n} connections: share of the offered deliveries carried at 10 events/s (%), median of rounds`,
      results,
      (result) => carriedPercent(result.run, result.offeredDeliveriesPerSecond),
      'a p99 counts only what was published',
      () => undefined,
    ),
    medianRow(
      `3 ${n} connections: p99 at ${comparableRate(results)} events/s to all, a rate every server carried (ms), median of rounds`,
      results,
      (result) => result.comparable.latency.p99,
      '≤ 1.3 × raw ws (like for like)',
      (medians) => (tntAndRawMeasured(medians) ? medians.TnT <= 1.3 * medians['raw ws'] : undefined),
    ),
    medianRow(
      `3 ${n} connections: share carried at that rate (%)`,
      results,
      (result) => carriedPercent(result.comparable, result.comparableOfferedDeliveriesPerSecond),
      '—',
      () => undefined,
    ),
    medianRow(
      `3 ${n} connections: idle RSS per connection (KB, GC settled)`,
      results,
      (result) => result.idle.kbPerConnection,
      '≤ 16 KB, next to raw ws',
      (medians) => (Number.isNaN(medians.TnT) ? undefined : medians.TnT <= 16),
    ),
    medianRow(
      `3 ${n} connections: deliveries/s`,
      results,
      (result) => result.run.window.deliveriesPerSecond,
      '—',
      () => undefined,
    ),
    medianRow(
      `3 ${n} connections: connect → connected p99 (ms)`,
      results,
      (result) => result.opening.setup.p99,
      '—',
      () => undefined,
    ),
    medianRow(
      `3 ${n} connections: server CPU at 10 events/s (% of one core)`,
      results,
      (result) => result.run.server.cpuPercent,
      '—',
      () => undefined,
    ),
  ];
}

/** Deliveries of `run` as a share of those offered, %, at most 100 (TnT's scripted calls run a little over their rate). */
function carriedPercent(run: CallsRun, offeredDeliveriesPerSecond: number): number {
  return Math.min(100, Math.round((run.window.deliveriesPerSecond / offeredDeliveriesPerSecond) * 100));
}

/** The lower rate of scenario 3's second window, as planned for TnT (the baselines follow TnT's measured rate). */
function comparableRate(results: readonly ManyConnectionsResult[]): number {
  const tnt = results.find((result) => result.target === 'TnT') ?? results[0];
  return tnt ? Math.round(tnt.comparableOfferedDeliveriesPerSecond / tnt.opening.opened) : Number.NaN;
}

/**
 * The slow-consumer case: others' p99 rises ≤ 20 % (medians of the rounds' p99s without and with
 * the slow clients); server memory stays bounded (the worst round counts).
 */
export function slowConsumerRows(
  results: readonly SlowConsumerResult[],
  memoryAllowanceMb: (result: SlowConsumerResult) => number,
): ReportRow[] {
  const of = perTarget(results);
  const tnt = of.TnT;
  const roundsOf = (target: TargetName) => results.filter((result) => result.target === target);
  const rise = (rounds: readonly SlowConsumerResult[]) =>
    median(rounds.map((result) => result.slow.latency.p99)) / median(rounds.map((result) => result.normal.latency.p99));
  const worstHeld = (target: TargetName) =>
    roundsOf(target).reduce<SlowConsumerResult | undefined>(
      (worst, result) => (!worst || result.memory.heldForSlowMb > worst.memory.heldForSlowMb ? result : worst),
      undefined,
    );
  const tntWorst = worstHeld('TnT');
  return [
    textRow(
      'slow consumer: others’ p99 without → with the slow clients (ms), median of rounds',
      text(of, (result) => {
        const rounds = roundsOf(result.target);
        const each =
          rounds.length > 1 ? ` (${rounds.map((round) => `${round.normal.latency.p99} → ${round.slow.latency.p99}`).join(', ')})` : '';
        const normalP99 = median(rounds.map((round) => round.normal.latency.p99));
        const slowP99 = median(rounds.map((round) => round.slow.latency.p99));
        return `${normalP99} → ${slowP99} (${Math.round((rise(rounds) - 1) * 100)} %)${each}`;
      }),
      '≤ +20 %',
      tnt ? (rise(roundsOf('TnT')) <= 1.2 ? 'met' : 'missed') : 'not measured',
    ),
    textRow(
      'slow consumer: memory the server held for the slow clients at the end (freed when they were dropped, MB) / ' +
        'owed to them (MB), worst round',
      text(of, (result) => {
        const worst = worstHeld(result.target) ?? result;
        return `${worst.memory.heldForSlowMb} / ${worst.memory.owedToSlowMb}`;
      }),
      tntWorst ? `≤ ${memoryAllowanceMb(tntWorst)} MB (slow clients × (1 MiB queue + 64 KB socket) + 2 MB)` : 'bounded',
      tntWorst ? (tntWorst.memory.heldForSlowMb <= memoryAllowanceMb(tntWorst) ? 'met' : 'missed') : 'not measured',
    ),
    textRow(
      'slow consumer: RSS at pause (running, no GC forced) → settled at end → settled after dropping the slow clients (MB); ' +
        'TnT tnt_queued_bytes max (MB); first round',
      text(of, (result) => {
        const queued = result.memory.queuedMbMax === undefined ? '' : `; queued ≤ ${result.memory.queuedMbMax}`;
        return `${result.memory.rssMbAtPause} → ${result.memory.settledRssMb.atEnd} → ${result.memory.settledRssMb.afterDrop}${queued}`;
      }),
      '—',
      INFO,
    ),
    textRow(
      'slow consumer: what happened to the slow clients, first round',
      text(of, (result) => {
        const seen =
          result.slowClosures.length === 0
            ? 'no close seen by the paused clients'
            : result.slowClosures.map((closure) => `closed ${closure.code} after ${closure.afterSeconds} s`).join('; ');
        const { slowConsumerDisconnects, heartbeatTerminations } = result.serverCounts;
        const counted =
          slowConsumerDisconnects === undefined
            ? ''
            : `; server: ${slowConsumerDisconnects} SLOW_CONSUMER closes, ${heartbeatTerminations ?? 0} heartbeat terminations`;
        return seen + counted;
      }),
      '—',
      INFO,
    ),
  ];
}

/** Per scenario: each server's longest GC pause and total GC pause time over the whole scenario (with --trace-gc). */
export function gcPauseRows(gcPauses: Record<string, readonly GcPauses[]>): ReportRow[] {
  const slugs: Record<TargetName, string> = { TnT: 'tnt', 'raw ws': 'raw-ws', 'Socket.IO': 'socket-io' };
  const scenarios = [...new Set(Object.keys(gcPauses).map((key) => key.split('-')[0]))];
  const describe = (pauses: readonly GcPauses[] | undefined) => {
    if (!pauses) return undefined;
    const longest = Math.max(0, ...pauses.map((entry) => entry.maxMs));
    const total = pauses.reduce((sum, entry) => sum + entry.totalMs, 0);
    const full = pauses.filter((entry) => entry.kind.startsWith('Mark-Compact')).reduce((sum, entry) => sum + entry.count, 0);
    return `longest ${longest} ms, total ${total} ms, ${full} full`;
  };
  return scenarios.map((scenario) =>
    textRow(
      `${scenario}: server GC pauses over the scenario, not counting forced ones (--trace-gc)`,
      {
        TnT: describe(gcPauses[`${scenario}-${slugs.TnT}`]),
        'raw ws': describe(gcPauses[`${scenario}-${slugs['raw ws']}`]),
        'Socket.IO': describe(gcPauses[`${scenario}-${slugs['Socket.IO']}`]),
      },
      '—',
      INFO,
    ),
  );
}
