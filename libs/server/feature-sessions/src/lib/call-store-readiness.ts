import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReadinessChecks } from '@tnt/server/util-metrics';
import { CALL_EVENT_STORE, type CallEventStore } from './call-event-store';

/** Registers the `store` readiness check: the call store answers a lookup. */
@Injectable()
export class CallStoreReadiness {
  private readonly logger = new Logger('Readiness');

  constructor(
    readiness: ReadinessChecks,
    @Inject(CALL_EVENT_STORE) private readonly store: CallEventStore,
  ) {
    readiness.register('store', () => this.storeAnswers());
  }

  private storeAnswers(): boolean {
    try {
      this.store.getCall('readyz-probe');
      return true;
    } catch (error) {
      this.logger.warn(`the call store failed a lookup: ${String(error)}`);
      return false;
    }
  }
}
