/**
 * Reads one gauge from the gateway's Prometheus `/metrics` (e.g. `tnt_queued_bytes`); undefined
 * when the gateway has no `/metrics` or no such gauge.
 */
export async function readGauge(httpBaseUrl: string, name: string): Promise<number | undefined> {
  const response = await fetch(`${httpBaseUrl}/metrics`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const line = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await response.text());
  return line ? Number(line[1]) : undefined;
}

/** Polls a gauge at an interval; keeps every reading with its time. */
export class GaugePoller {
  private readonly readings: [number, number][] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: string | undefined;

  constructor(
    private readonly httpBaseUrl: string,
    private readonly name: string,
    private readonly intervalMs = 500,
  ) {}

  /** Starts polling. */
  start(): this {
    this.timer = setInterval(() => {
      readGauge(this.httpBaseUrl, this.name).then(
        (value) => {
          if (value !== undefined) this.readings.push([performance.now(), value]);
        },
        (error: unknown) => (this.failure = `reading ${this.name} failed: ${String(error)}`),
      );
    }, this.intervalMs);
    return this;
  }

  /** Stops polling and returns the readings ([performance.now(), value]); throws if a read failed. */
  stop(): [number, number][] {
    clearInterval(this.timer);
    if (this.failure) throw new Error(this.failure);
    return this.readings;
  }
}
