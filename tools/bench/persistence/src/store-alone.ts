import { Logger } from '@nestjs/common';
import { openCallStorage } from '@tnt/server/feature-storage';
import { loadConfig, type StoreKind } from '@tnt/server/util-config';
import { FinalSegmentSource } from './final-segments';
import { summarizeLatencies, type LatencySummary } from './latency-summary';

/** How fast the store alone takes final segments. */
export interface StoreAloneOutcome {
  readonly store: StoreKind;
  readonly appended: number;
  readonly perSecond: number;
  /** Time of one `append`, ms. */
  readonly append: LatencySummary;
}

/**
 * Appends `count` final segments over `calls` calls straight into the configured event store
 * (for SQLite: memory ring + WAL commit per segment + batched full-text indexing), yielding to
 * the event loop every 500 appends so background indexing runs as it would in the gateway.
 */
export async function measureStoreAlone(store: StoreKind, dataDir: string, calls: number, count: number): Promise<StoreAloneOutcome> {
  const storage = await openCallStorage(loadConfig({ TNT_STORE: store, TNT_DATA_DIR: dataDir }), new Logger('bench'));
  try {
    const sources = Array.from({ length: calls }, (_, index) => new FinalSegmentSource(`alone-${index + 1}`));
    const nextSeq = new Map<string, number>();
    for (const source of sources) {
      const call = { id: source.callId, agentId: 'agent', startedAt: new Date().toISOString(), status: 'active' as const };
      await storage.eventStore.createCall(call);
      await storage.eventStore.append({ type: 'call', event: 'started', seq: 1, call });
      nextSeq.set(source.callId, 2);
    }
    const times: number[] = [];
    const start = performance.now();
    for (let index = 0; index < count; index++) {
      const source = sources[index % sources.length];
      const seq = nextSeq.get(source.callId) as number;
      nextSeq.set(source.callId, seq + 1);
      const event = { type: 'transcript' as const, callId: source.callId, seq, transcript: source.next() };
      const before = performance.now();
      await storage.eventStore.append(event);
      times.push(performance.now() - before);
      if (index % 500 === 499) await new Promise((next) => setImmediate(next));
    }
    const elapsedMs = performance.now() - start;
    return { store, appended: count, perSecond: (count * 1000) / elapsedMs, append: summarizeLatencies(times) };
  } finally {
    await storage.close();
  }
}
