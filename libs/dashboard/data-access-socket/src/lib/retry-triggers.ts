/**
 * The browser's hints that a reconnect attempt is worth making now rather than at the end of the
 * current wait: the `online` event (the network came back) and the tab becoming visible again
 * (someone is looking; a background tab's timers may also have been throttled). Listens until
 * {@link RetryTriggers.stop}.
 */
export class RetryTriggers {
  private readonly onOnline = () => this.retryNow('the browser is online again');
  private readonly onVisibilityChange = () => {
    if (this.document.visibilityState === 'visible') this.retryNow('the tab is visible again');
  };
  private listening = false;

  /**
   * @param document the page's document (its `defaultView` receives `online`)
   * @param retryNow called with the reason each time a hint arrives
   */
  constructor(
    private readonly document: Document,
    private readonly retryNow: (reason: string) => void,
  ) {}

  /** Starts listening; harmless when already listening. */
  start(): void {
    if (this.listening) return;
    this.listening = true;
    this.document.defaultView?.addEventListener('online', this.onOnline);
    this.document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** Stops listening; harmless when not listening. */
  stop(): void {
    if (!this.listening) return;
    this.listening = false;
    this.document.defaultView?.removeEventListener('online', this.onOnline);
    this.document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }
}
