/** Messages between the benchmark and its reader processes (over the `fork` IPC channel). */

/** Parent → reader: read the stream under this prefix. */
export interface ReaderStart {
  readonly type: 'start';
  readonly url: string;
  readonly keyPrefix: string;
  readonly instanceId: string;
}

/** Parent → reader: send what you have counted since the last reset, then reset. */
export interface ReaderCollect {
  readonly type: 'collect';
}

export type ToReader = ReaderStart | ReaderCollect;

/** Reader → parent: started (its start position is read). */
export interface ReaderReady {
  readonly type: 'ready';
}

/** Reader → parent: what it received since the last collect. */
export interface ReaderCounts {
  readonly type: 'counts';
  readonly received: number;
  /** Events whose seq was not the previous one of their call + 1 (lost, duplicated or out of order). */
  readonly outOfOrder: number;
  /** Publish → receive latencies in milliseconds (CLOCK_MONOTONIC is shared by every process of the machine). */
  readonly latenciesMs: number[];
}

export type FromReader = ReaderReady | ReaderCounts;

/** Milliseconds on the machine-wide monotonic clock (process.hrtime), with microsecond resolution. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}
