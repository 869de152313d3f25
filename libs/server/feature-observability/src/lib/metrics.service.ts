import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CallSessionService, CALL_EVENT_STORE, type CallEventStore } from '@tnt/server/feature-sessions';
import { ConnectionRegistry } from '@tnt/server/feature-gateway';
import { IngestConnections } from '@tnt/server/feature-ingest';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds: sub-millisecond fan-out up to multi-second recognition. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A counter whose value is read from a running total kept elsewhere when Prometheus scrapes. */
function totalCounter(registry: Registry, name: string, help: string, read: () => number): Counter {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/**
 * The gateway's Prometheus metrics, in their own registry (so several gateways in one process,
 * as in tests, do not collide). Counts are read from the services that keep them when scraped;
 * latencies are observed as they happen.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    connections: ConnectionRegistry,
    sessions: CallSessionService,
    transcription: TranscriptionService,
    ingest: IngestConnections,
    @Inject(CALL_EVENT_STORE) store: CallEventStore,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tnt_' });
    const registers = [this.registry];
    new Gauge({ name: 'tnt_ui_connections', help: 'Open UI WebSocket connections', registers, collect() { this.set(connections.size); } });
    new Gauge({ name: 'tnt_subscriptions', help: 'Subscriptions held by UI connections', registers, collect() { this.set(sessions.subscriptionCount); } });
    new Gauge({ name: 'tnt_queued_bytes', help: 'Bytes waiting in UI clients outbound queues', registers, collect() { this.set(connections.queuedBytes); } });
    new Gauge({ name: 'tnt_active_calls', help: 'Calls being transcribed now', registers, collect() { this.set(transcription.liveCallCount); } });
    new Gauge({ name: 'tnt_ingest_connections', help: 'Open audio ingest connections', registers, collect() { this.set(ingest.size); } });
    new Gauge({ name: 'tnt_calls_held', help: 'Calls the store holds in memory', registers, collect() { this.set(store.listCalls().length); } });
    totalCounter(this.registry, 'tnt_messages_in_total', 'Frames received on the UI socket', () => connections.totals.messagesIn);
    totalCounter(this.registry, 'tnt_messages_out_total', 'Messages sent on the UI socket', () => connections.totals.messagesOut);
    totalCounter(this.registry, 'tnt_slow_consumer_disconnects_total', 'UI clients closed with SLOW_CONSUMER', () => connections.totals.slowConsumerDisconnects);
    totalCounter(this.registry, 'tnt_heartbeat_terminations_total', 'UI peers terminated for a missed heartbeat', () => connections.totals.heartbeatTerminations);
    new Counter({
      name: 'tnt_ingest_errors_total',
      help: 'Ingest connections closed for bad input, by code',
      labelNames: ['code'],
      registers,
      collect() {
        this.reset();
        for (const [code, count] of ingest.rejectionCounts) this.inc({ code }, count);
      },
    });
    const transport = new Histogram({
      name: 'tnt_transport_latency_seconds',
      help: 'A transcript segment made by the engine until stored and handed to every subscriber socket',
      labelNames: ['final'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const speechToText = new Histogram({
      name: 'tnt_stt_latency_seconds',
      help: 'Arrival of the audio of a final segment last word until the engine produced the final',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.unsubscribers.push(
      sessions.onTranscriptPublished((fanOutMs, transcript) => transport.observe({ final: String(transcript.isFinal) }, fanOutMs / 1000)),
      transcription.onFinalLatency((latencyMs) => speechToText.observe(latencyMs / 1000)),
    );
  }

  /** The metrics in Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }
}
