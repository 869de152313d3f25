import { readProcessUsage } from '../support/process-usage';
import { sleep } from './measured-run';
import type { TransportTarget } from './transport-target';

/** The server's RSS in bytes after full GCs and a moment for the allocator to hand pages back. */
export async function settledRss(target: TransportTarget): Promise<number> {
  await target.collectGarbage();
  await sleep(1000);
  await target.collectGarbage();
  await sleep(500);
  return readProcessUsage(target.pid).rssBytes;
}

/** What the server retains after GC: JS heap plus memory outside it (Buffers, socket data), bytes. */
export async function retainedBytes(target: TransportTarget): Promise<number> {
  const usage = await target.settledMemory();
  return usage.heapUsed + usage.external;
}

/** Bytes as MB with one decimal. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}
