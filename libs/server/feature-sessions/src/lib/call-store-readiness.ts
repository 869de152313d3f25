import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReadinessChecks } from '@tnt/server/util-metrics';
import { CALL_EVENT_STORE, type CallEventStore } from './call-event-store';

/**
 * Registers the `store` readiness check: the call store answers a lookup. The store answers
 * asynchronously (a networked database), so each `/readyz` starts a lookup and reports the outcome
 * of the one before: a store that stops answering fails the check from the next probe on.
 */
@Injectable()
export class CallStoreReadiness {
  private readonly logger = new Logger('Readiness');
  private answered = true;
  private probing = false;

  constructor(
    readiness: ReadinessChecks,
    @Inject(CALL_EVENT_STORE) private readonly store: CallEventStore,
  ) {
    readiness.register('store', () => this.storeAnswers());
  }

  private storeAnswers(): boolean {
    if (!this.probing) {
      this.probing = true;
      this.store.getCall('readyz-probe').then(
        () => this.settle(true),
        (error: unknown) => this.settle(false, error),
      );
    }
    return this.answered;
  }

  private settle(answered: boolean, error?: unknown): void {
    this.probing = false;
    // Logged when the outcome changes, not at every probe.
    if (!answered && this.answered)
      this.logger.warn(`the call store failed a lookup; /readyz answers 503 until it answers: ${String(error)}`);
    if (answered && !this.answered) this.logger.log('the call store answers again');
    this.answered = answered;
  }
}
