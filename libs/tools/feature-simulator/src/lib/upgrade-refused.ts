/** The HTTP status with which a load balancer answers when no instance behind it is in rotation. */
const SERVICE_UNAVAILABLE = 503;

/**
 * The server answered a WebSocket upgrade with an HTTP status instead of `101 Switching
 * Protocols`: a wrong key (401), a wrong path (404), or — `serviceUnavailable` — HAProxy with
 * every gateway out of rotation (each one's `/readyz` answering 503, e.g. all at capacity),
 * which refuses the call as a gateway's own 1013 `INGEST_AT_CAPACITY` would.
 */
export class UpgradeRefused extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status} instead of upgrading`);
    this.name = 'UpgradeRefused';
  }

  /** True when the answer was 503 Service Unavailable: nothing can take the call now, later may. */
  get serviceUnavailable(): boolean {
    return this.status === SERVICE_UNAVAILABLE;
  }
}
