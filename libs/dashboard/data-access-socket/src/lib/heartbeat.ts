/**
 * Application-level heartbeat: sends `ping` every interval and declares the connection dead when
 * a ping is not answered in time. Browsers answer the server's ping frames on their own but give
 * scripts no way to see that a half-open TCP connection has died; this does.
 */
export class Heartbeat {
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pongDeadline: ReturnType<typeof setTimeout> | undefined;
  private nextPingId = 1;
  private awaitedPingId: number | undefined;
  private intervalMs = 30_000;

  constructor(
    private readonly sendPing: (id: number) => void,
    private readonly onDead: (reason: string) => void,
    private readonly pongTimeoutMs: number,
  ) {}

  /** Starts pinging every `intervalMs`; the first ping goes out after one interval. */
  start(intervalMs: number): void {
    this.stop();
    this.intervalMs = intervalMs;
    this.schedulePing();
  }

  /** A `pong` arrived; the one for the outstanding ping clears its deadline. */
  pongReceived(id: unknown): void {
    if (this.awaitedPingId === undefined || id !== this.awaitedPingId) return;
    this.awaitedPingId = undefined;
    clearTimeout(this.pongDeadline);
    this.pongDeadline = undefined;
    this.schedulePing();
  }

  /** Stops all timers (the connection is gone or being replaced). */
  stop(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.pongDeadline);
    this.pingTimer = undefined;
    this.pongDeadline = undefined;
    this.awaitedPingId = undefined;
  }

  private schedulePing(): void {
    this.pingTimer = setTimeout(() => {
      this.pingTimer = undefined;
      const id = this.nextPingId++;
      this.awaitedPingId = id;
      this.pongDeadline = setTimeout(() => {
        this.pongDeadline = undefined;
        this.awaitedPingId = undefined;
        this.onDead(`no pong within ${this.pongTimeoutMs} ms`);
      }, this.pongTimeoutMs);
      this.sendPing(id);
    }, this.intervalMs);
  }
}
