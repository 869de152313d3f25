import type { MetricsRegistry } from '@tnt/server/util-metrics';
import type { DroppedKind } from './call-append-queue';

/** The stream's counters; without a registry every update is a no-op. */
export class BusMetrics {
  private readonly appendedCounter;
  private readonly appendCallsCounter;
  private readonly fencedCounter;
  private readonly reconnectCounter;
  private readonly droppedCounter;
  private readonly gapCounter;
  private readonly outageCounter;

  constructor(registry: MetricsRegistry | undefined, queueDepth: () => number, reachable: () => boolean = () => true) {
    this.appendedCounter = registry?.counter({
      name: 'tnt_bus_appends_total',
      help: 'Events appended to the Redis stream by this instance',
    });
    this.appendCallsCounter = registry?.counter({
      name: 'tnt_bus_append_calls_total',
      help: "Append script calls to Redis by this instance (each carries one call's queued events, up to appendBatchMax)",
    });
    this.fencedCounter = registry?.counter({
      name: 'tnt_bus_appends_fenced_total',
      help: 'Appends refused because another instance owns the call now',
    });
    this.reconnectCounter = registry?.counter({
      name: 'tnt_bus_reconnects_total',
      help: 'Redis connections re-established (connection: append or read)',
      labelNames: ['connection'],
    });
    this.droppedCounter = registry?.counter({
      name: 'tnt_bus_queue_dropped_total',
      help: 'Queued events given up while Redis was unreachable, by kind (interim, final, call)',
      labelNames: ['kind'],
    });
    this.gapCounter = registry?.counter({
      name: 'tnt_bus_reader_gaps_total',
      help: "Entries read whose seq does not follow the call's previous entry (holes readers fill from the log)",
    });
    registry?.gauge({ name: 'tnt_bus_queue_depth', help: 'Events waiting to be appended to the Redis stream', sample: queueDepth });
    this.outageCounter = registry?.counter({ name: 'tnt_bus_outages_total', help: 'Times Redis stopped answering this instance' });
    registry?.gauge({ name: 'tnt_bus_reachable', help: '1 while Redis answers, 0 during an outage', sample: () => (reachable() ? 1 : 0) });
  }

  outage(): void {
    this.outageCounter?.inc();
  }

  appended(): void {
    this.appendedCounter?.inc();
  }

  appendCalled(): void {
    this.appendCallsCounter?.inc();
  }

  fenced(): void {
    this.fencedCounter?.inc();
  }

  reconnected(connection: 'append' | 'read'): void {
    this.reconnectCounter?.inc({ connection });
  }

  dropped(kind: DroppedKind): void {
    this.droppedCounter?.inc({ kind });
  }

  readerGap(): void {
    this.gapCounter?.inc();
  }
}
