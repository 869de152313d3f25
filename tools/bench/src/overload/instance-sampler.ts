/** How often each instance is read, and how long one read may take before it counts as failed. */
const SAMPLE_INTERVAL_MS = 1000;
const SAMPLE_TIMEOUT_MS = 900;

/** The gauges read from each instance's `/metrics` (the last is the speech capacity monitor's load). */
const GAUGES = ['tnt_active_calls', 'tnt_stt_backlog_seconds', 'tnt_stt_real_time_factor', 'tnt_stt_load'] as const;
type GaugeName = (typeof GAUGES)[number];

/** What one instance showed over the window, read from its own `/readyz` and `/metrics` (not through HAProxy). */
export interface InstanceFigures {
  readonly url: string;
  /** Seconds read (both answered within {@link SAMPLE_TIMEOUT_MS}) and seconds whose read failed. */
  readonly samples: number;
  readonly failedSamples: number;
  /** Calls in progress on the instance (`tnt_active_calls`): mean and most. */
  readonly activeCallsMean: number;
  readonly activeCallsMax: number;
  /** Share of read seconds its `/readyz` answered 503 (out of HAProxy's rotation once that lasts `fall` checks). */
  readonly notReadyShare: number;
  /** Most decoding backlog seen (`tnt_stt_backlog_seconds`). */
  readonly backlogMaxSeconds: number;
  /** Most decoding load seen (`tnt_stt_load`: open streams × real-time factor ÷ cores; NaN readings skipped). */
  readonly loadMax: number;
  /** The last real-time factor per stream read (`tnt_stt_real_time_factor`). */
  readonly realTimeFactorLast: number;
}

class InstanceSamples {
  private readonly active: number[] = [];
  private answered = 0;
  private notReady = 0;
  private failed = 0;
  private backlogMax = 0;
  private loadMax = Number.NaN;
  private realTimeFactor = Number.NaN;
  private lastFailure: string | undefined;

  constructor(readonly url: string) {}

  async read(): Promise<void> {
    try {
      const signal = AbortSignal.timeout(SAMPLE_TIMEOUT_MS);
      const [ready, metrics] = await Promise.all([
        fetch(`${this.url}/readyz`, { signal }).then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        }),
        fetch(`${this.url}/metrics`, { signal }).then((response) => response.text()),
      ]);
      const gauges = gaugesOf(metrics);
      this.answered++;
      if (ready === 503) this.notReady++;
      const active = gauges.get('tnt_active_calls');
      if (active !== undefined) this.active.push(active);
      this.backlogMax = Math.max(this.backlogMax, gauges.get('tnt_stt_backlog_seconds') ?? 0);
      const load = gauges.get('tnt_stt_load');
      if (load !== undefined && Number.isFinite(load)) this.loadMax = Number.isNaN(this.loadMax) ? load : Math.max(this.loadMax, load);
      this.realTimeFactor = gauges.get('tnt_stt_real_time_factor') ?? this.realTimeFactor;
    } catch (error) {
      this.failed++;
      // One line per kind of failure, not one a second.
      const failure = error instanceof Error ? error.message : String(error);
      if (failure !== this.lastFailure) console.error(`reading ${this.url} failed: ${failure}`);
      this.lastFailure = failure;
    }
  }

  figures(): InstanceFigures {
    return {
      url: this.url,
      samples: this.answered,
      failedSamples: this.failed,
      activeCallsMean: this.active.reduce((sum, value) => sum + value, 0) / Math.max(1, this.active.length),
      activeCallsMax: Math.max(...this.active, 0),
      notReadyShare: this.notReady / Math.max(1, this.answered),
      backlogMaxSeconds: this.backlogMax,
      loadMax: this.loadMax,
      realTimeFactorLast: this.realTimeFactor,
    };
  }
}

/** Reads every instance each second from {@link start} to {@link stop}. */
export class InstanceSampler {
  private readonly instances: InstanceSamples[];
  private timer: NodeJS.Timeout | undefined;
  private readonly reads = new Set<Promise<void>>();

  /** `urls`: each instance's own `http://host:port`. */
  constructor(urls: readonly string[]) {
    this.instances = urls.map((url) => new InstanceSamples(url));
  }

  start(): this {
    this.timer = setInterval(() => {
      for (const instance of this.instances) {
        const read: Promise<void> = instance.read().finally(() => this.reads.delete(read));
        this.reads.add(read);
      }
    }, SAMPLE_INTERVAL_MS);
    return this;
  }

  /** Stops reading, lets the reads in flight finish (each has its timeout), and returns each instance's figures. */
  async stop(): Promise<InstanceFigures[]> {
    clearInterval(this.timer);
    await Promise.all([...this.reads]);
    return this.instances.map((instance) => instance.figures());
  }
}

/** The values of {@link GAUGES} in a Prometheus text exposition (NaN kept as NaN). */
function gaugesOf(text: string): Map<GaugeName, number> {
  const values = new Map<GaugeName, number>();
  for (const name of GAUGES) {
    const line = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    if (line) values.set(name, Number(line[1]));
  }
  return values;
}
