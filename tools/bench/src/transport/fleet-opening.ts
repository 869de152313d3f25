import type { LatencySummary } from '../support/latency-histogram';
import type { FleetOpening } from './client-fleet';

/** How connecting went, for reports: connect → `status: connected` percentiles and failures. */
export interface OpeningSummary {
  readonly requested: number;
  readonly opened: number;
  readonly setup: LatencySummary;
  readonly elapsedMs: number;
  readonly failures: readonly string[];
}

/** Summarises a fleet opening; throws when connections failed and `requireAll` is set. */
export function summariseOpening(opening: FleetOpening, requireAll: boolean): OpeningSummary {
  if (requireAll && opening.opened < opening.requested) {
    throw new Error(`only ${opening.opened} of ${opening.requested} connections opened: ${opening.failures.join('; ')}`);
  }
  return {
    requested: opening.requested,
    opened: opening.opened,
    setup: opening.setup.summary(),
    elapsedMs: Math.round(opening.elapsedMs),
    failures: opening.failures,
  };
}
