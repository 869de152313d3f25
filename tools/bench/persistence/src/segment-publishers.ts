import type { CallSessionService } from '@tnt/server/feature-sessions';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FinalSegmentSource } from './final-segments';
import { summarizeLatencies, type LatencySummary } from './latency-summary';

/** What a publishing run achieved. */
export interface PublishOutcome {
  readonly published: number;
  readonly elapsedMs: number;
  /** Final segments per second actually handed to the gateway. */
  readonly perSecond: number;
  /** How late each segment was handed over against its schedule (open loop only), ms. */
  readonly lateness?: LatencySummary;
  /** Lateness of the last segment: near 0 when the publisher kept up to the end (open loop only), ms. */
  readonly finalLatenessMs?: number;
  /** Delay of the gateway process's event loop during the run, ms. */
  readonly eventLoopDelay: LatencySummary;
  /** CPU the gateway process used during the run, as a share of one core (1 = 100 %). */
  readonly cpuCores: number;
}

/** Watches the event loop and CPU of this process (the gateway's) while a run lasts. */
function watchProcess(): () => Pick<PublishOutcome, 'eventLoopDelay' | 'cpuCores'> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  return () => {
    delay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMicros = (performance.now() - startedAt) * 1000;
    const percentileMs = (p: number) => delay.percentile(p) / 1e6;
    return {
      eventLoopDelay: {
        count: delay.count,
        p50: percentileMs(50),
        p90: percentileMs(90),
        p99: percentileMs(99),
        p999: percentileMs(99.9),
        max: delay.max / 1e6,
      },
      cpuCores: (cpu.user + cpu.system) / wallMicros,
    };
  };
}

/** Starts one call per agent and returns their sources of final segments. */
export async function startCalls(sessions: CallSessionService, count: number, label: string): Promise<FinalSegmentSource[]> {
  const calls = await Promise.all(
    Array.from({ length: count }, (_, index) => sessions.startCall({ id: `${label}-${index + 1}`, agentId: `agent-${index + 1}` })),
  );
  return calls.map((call) => new FinalSegmentSource(call.id));
}

/** A publication the store refused: the run's figures would be wrong, so the bench fails. */
function publicationFailed(error: unknown): void {
  console.error(`a segment could not be published: ${String(error)}`);
  process.exitCode = 1;
}

/**
 * Open loop: hands `perSecond` final segments per second to the gateway, round-robin over the
 * calls, on a 1 ms timer, for `durationMs`. If the process cannot keep up, segments fall behind
 * their schedule and `lateness` grows: a sustained rate is one with small lateness.
 */
export function publishAtRate(
  sessions: CallSessionService,
  sources: FinalSegmentSource[],
  perSecond: number,
  durationMs: number,
): Promise<PublishOutcome> {
  const lateness: number[] = [];
  const total = Math.round((perSecond * durationMs) / 1000);
  const watched = watchProcess();
  const start = performance.now();
  let published = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * perSecond) / 1000));
      for (; published < due; published++) {
        lateness.push(performance.now() - (start + (published * 1000) / perSecond));
        const source = sources[published % sources.length];
        sessions.publishTranscript(source.callId, source.next()).catch(publicationFailed);
      }
      if (published >= total) {
        clearInterval(timer);
        const elapsedMs = performance.now() - start;
        resolve({
          published,
          elapsedMs,
          perSecond: (published * 1000) / elapsedMs,
          lateness: summarizeLatencies(lateness),
          finalLatenessMs: lateness[lateness.length - 1] ?? 0,
          ...watched(),
        });
      }
    }, 1);
  });
}

/**
 * Closed loop: hands over final segments as fast as the process can for `durationMs`, in
 * batches, yielding to the event loop between batches so the sockets are written meanwhile.
 */
export async function publishFlatOut(
  sessions: CallSessionService,
  sources: FinalSegmentSource[],
  durationMs: number,
  batch = 50,
): Promise<PublishOutcome> {
  const watched = watchProcess();
  const start = performance.now();
  let published = 0;
  while (performance.now() - start < durationMs) {
    for (let index = 0; index < batch; index++, published++) {
      const source = sources[published % sources.length];
      sessions.publishTranscript(source.callId, source.next()).catch(publicationFailed);
    }
    await new Promise((next) => setImmediate(next));
  }
  const elapsedMs = performance.now() - start;
  return { published, elapsedMs, perSecond: (published * 1000) / elapsedMs, ...watched() };
}
