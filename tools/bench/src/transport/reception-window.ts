import { LatencyHistogram, type HistogramData } from '../support/latency-histogram';

/** What one client process received during a measurement window. */
export interface WindowResult {
  /** publish → receive of every transcript message received in the window, ms. */
  readonly latency: HistogramData;
  /** Transcript messages received in the window. */
  readonly deliveries: number;
  /** Their bytes as received (frame payloads). */
  readonly bytes: number;
  readonly durationMs: number;
  /** This client process's CPU use during the window, % of one core. */
  readonly clientCpuPercent: number;
}

/**
 * The measurement window of one client process: while it is open, every transcript message a
 * measured connection receives adds its publish → receive latency to one histogram.
 */
export class ReceptionWindow {
  private recording = false;
  private histogram = new LatencyHistogram();
  private deliveries = 0;
  private bytes = 0;
  private openedAt = 0;
  private cpuAtOpen = process.cpuUsage();

  /** Starts a fresh window. */
  open(): void {
    this.histogram = new LatencyHistogram();
    this.deliveries = 0;
    this.bytes = 0;
    this.openedAt = performance.now();
    this.cpuAtOpen = process.cpuUsage();
    this.recording = true;
  }

  /** Ends the window and returns what it saw. */
  close(): WindowResult {
    this.recording = false;
    const durationMs = performance.now() - this.openedAt;
    const cpu = process.cpuUsage(this.cpuAtOpen);
    return {
      latency: this.histogram.toData(),
      deliveries: this.deliveries,
      bytes: this.bytes,
      durationMs,
      clientCpuPercent: ((cpu.user + cpu.system) / 1000 / durationMs) * 100,
    };
  }

  /** Records one transcript message stamped `publishedAt` (ISO) by the server, `bytes` long. */
  transcript(publishedAt: string, bytes: number): void {
    if (!this.recording) return;
    this.histogram.record(Date.now() - Date.parse(publishedAt));
    this.deliveries++;
    this.bytes += bytes;
  }
}
