/**
 * Runs tasks one after another. A task that finishes synchronously while the queue is idle
 * costs no promise, so the common path (no async processors) stays cheap.
 */
export class SerialQueue {
  private tail: Promise<void> | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues `task` behind every earlier one. */
  push(task: () => void | Promise<void>): void {
    if (this.tail) {
      this.track(this.tail.then(task).catch(this.onError));
      return;
    }
    try {
      const result = task();
      if (result instanceof Promise) this.track(result.catch(this.onError));
    } catch (error) {
      this.onError(error);
    }
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.tail) await this.tail;
  }

  private track(pending: Promise<void>): void {
    const tail = pending.finally(() => {
      if (this.tail === tail) this.tail = undefined;
    });
    this.tail = tail;
  }
}
