import type { ContactCentreResult } from './contact-centre';
import { medianRow, tntAndRawMeasured } from './median-row';
import { textRow, verdict, type ReportRow } from './report-cells';
import type { TargetName } from './transport-target';

/**
 * Scenario 1: no loss; p99 ≤ 2 × raw ws's and ≤ 50 ms. With several rounds (TnT, raw ws,
 * Socket.IO, TnT, …) the medians are compared, which damps what other work on the machine does.
 */
export function contactCentreRows(results: readonly ContactCentreResult[]): ReportRow[] {
  const ofTarget = (target: TargetName) => results.filter((result) => result.target === target);
  const lostCell = (target: TargetName) => {
    const rounds = ofTarget(target);
    if (rounds.length === 0) return undefined;
    const lost = rounds.reduce((sum, result) => sum + result.run.delivery.lost, 0);
    const expected = rounds.reduce((sum, result) => sum + result.run.delivery.expected, 0);
    return `${lost} of ${expected}`;
  };
  const tnt = ofTarget('TnT');
  const noLoss = tnt.length > 0 && tnt.every((result) => result.run.delivery.lost === 0 && result.run.delivery.unseenEnds === 0);
  return [
    textRow(
      '1 contact centre: messages lost (of expected, by seq)',
      { TnT: lostCell('TnT'), 'raw ws': lostCell('raw ws'), 'Socket.IO': lostCell('Socket.IO') },
      '0 lost',
      tnt.length === 0 ? 'not measured' : verdict(noLoss),
    ),
    medianRow(
      '1 contact centre: p99 publish → receive (ms), median of rounds',
      results,
      (result) => result.run.latency.p99,
      '≤ 2 × raw ws and ≤ 50 ms',
      (medians) => (tntAndRawMeasured(medians) ? medians.TnT <= 2 * medians['raw ws'] && medians.TnT <= 50 : undefined),
    ),
    medianRow(
      '1 contact centre: p50 publish → receive (ms)',
      results,
      (result) => result.run.latency.p50,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: p99.9 publish → receive (ms)',
      results,
      (result) => result.run.latency.p999,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: events/s per call published',
      results,
      (result) => result.run.publishedPerCallPerSecond,
      'target 5',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: deliveries/s',
      results,
      (result) => result.run.window.deliveriesPerSecond,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: server CPU (% of one core)',
      results,
      (result) => result.run.server.cpuPercent,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: server RSS max (MB)',
      results,
      (result) => result.run.server.rssMbMax,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: connect → connected p50 (ms)',
      results,
      (result) => result.opening.setup.p50,
      '—',
      () => undefined,
    ),
    medianRow(
      '1 contact centre: connect → connected p99 (ms)',
      results,
      (result) => result.opening.setup.p99,
      '—',
      () => undefined,
    ),
  ];
}
