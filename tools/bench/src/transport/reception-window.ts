import { LatencyHistogram, type HistogramData } from '../support/latency-histogram';

/** What one client process received of the messages published during a measurement window. */
export interface WindowResult {
  /** publish → receive of every transcript message published in the window, ms. */
  readonly latency: HistogramData;
  /** Deliveries of transcript messages published in the window (received in it or later). */
  readonly deliveries: number;
  /** Their bytes as received (frame payloads; 0 where the client library hides them). */
  readonly bytes: number;
  /** Length of the window, ms. */
  readonly durationMs: number;
  /** This client process's CPU use during the window, % of one core. */
  readonly clientCpuPercent: number;
}

interface Window {
  readonly histogram: LatencyHistogram;
  /** Publish times (epoch ms) the window covers: [from, to). */
  readonly from: number;
  to: number;
  deliveries: number;
  bytes: number;
  readonly cpuAtOpen: NodeJS.CpuUsage;
  cpuPercent: number;
}

/**
 * Measurement windows of one client process, by publish time: a window covers the messages the
 * server stamped between its opening and its closing, however late they arrive, so a server
 * that falls behind shows it as latency instead of hiding it past the window's end.
 */
export class ReceptionWindows {
  private readonly windows = new Map<number, Window>();
  private current: Window | undefined;

  /** Opens window `id` now. */
  open(id: number): void {
    if (this.current) throw new Error(`window ${id} opened while another is open`);
    this.current = {
      histogram: new LatencyHistogram(),
      from: Date.now(),
      to: Number.POSITIVE_INFINITY,
      deliveries: 0,
      bytes: 0,
      cpuAtOpen: process.cpuUsage(),
      cpuPercent: Number.NaN,
    };
    this.windows.set(id, this.current);
  }

  /** Closes the open window: later publish times fall outside it. */
  close(): void {
    const window = this.current;
    if (!window) throw new Error('no window is open');
    window.to = Date.now();
    const cpu = process.cpuUsage(window.cpuAtOpen);
    window.cpuPercent = ((cpu.user + cpu.system) / 1000 / (window.to - window.from)) * 100;
    this.current = undefined;
  }

  /** What window `id` received so far (call once the clients have drained); forgets it. */
  result(id: number): WindowResult {
    const window = this.windows.get(id);
    if (!window || window.to === Number.POSITIVE_INFINITY) throw new Error(`window ${id} is not closed`);
    this.windows.delete(id);
    return {
      latency: window.histogram.toData(),
      deliveries: window.deliveries,
      bytes: window.bytes,
      durationMs: window.to - window.from,
      clientCpuPercent: window.cpuPercent,
    };
  }

  /** Records one transcript message stamped `publishedAt` (ISO) by the server, `bytes` long. */
  transcript(publishedAt: string, bytes: number): void {
    if (this.windows.size === 0) return;
    const published = Date.parse(publishedAt);
    for (const window of this.windows.values()) {
      if (published < window.from || published >= window.to) continue;
      window.histogram.record(Date.now() - published);
      window.deliveries++;
      window.bytes += bytes;
      return;
    }
  }
}
