import { Injectable } from '@nestjs/common';
import { ReadinessChecks } from '@tnt/server/util-metrics';
import { CallSessionService } from './call-session.service';

/**
 * Registers the `store` readiness check: the call store answers. The store answers asynchronously
 * (a networked database), so each `/readyz` starts a lookup and reports what is known then: the
 * outcome of the lookup before, and of every write since (see `StoreOutage`, which logs each outage
 * once when it begins and once when it ends).
 */
@Injectable()
export class CallStoreReadiness {
  constructor(readiness: ReadinessChecks, sessions: CallSessionService) {
    readiness.register('store', () => {
      sessions.probeStore();
      if (sessions.storeOutage.reachable) return true;
      return { reason: `cannot be reached; ${sessions.waitingEventCount} final segment(s) and call event(s) wait for it` };
    });
  }
}
