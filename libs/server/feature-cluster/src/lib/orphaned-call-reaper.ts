import { Logger } from '@nestjs/common';
import type { CallSessionService } from '@tnt/server/feature-sessions';
import type { ClusterCallLog, InstanceLiveness } from '@tnt/server/util-cluster';
import type { CounterMetric, MetricsRegistry } from '@tnt/server/util-metrics';

/**
 * Ends the calls of dead instances. Every instance looks, every lease renewal, for active calls
 * whose owner's liveness key has expired, and ends each as `interrupted` at its last seq + 1.
 * Ending takes the call over from the dead owner first, conditionally, so when several instances
 * look at once exactly one ends it; a paused owner that comes back finds itself fenced.
 */
export class OrphanedCallReaper {
  private readonly logger = new Logger('OrphanedCallReaper');
  private readonly reaped: CounterMetric;
  private running: Promise<number> | undefined;

  constructor(
    private readonly log: ClusterCallLog,
    private readonly liveness: InstanceLiveness,
    private readonly sessions: CallSessionService,
    metrics: MetricsRegistry,
  ) {
    this.reaped = metrics.counter({
      name: 'tnt_orphaned_calls_ended_total',
      help: 'Calls of dead instances this instance ended as interrupted',
    });
  }

  /** One look; resolves how many calls this instance ended. A look still running is joined, not doubled. */
  sweep(): Promise<number> {
    this.running ??= this.look().finally(() => (this.running = undefined));
    return this.running;
  }

  private async look(): Promise<number> {
    const alive = new Map<string, boolean>([[this.log.instanceId, true]]);
    let ended = 0;
    for (const { call, owner } of await this.log.activeCalls()) {
      let ownerAlive = alive.get(owner);
      if (ownerAlive === undefined) alive.set(owner, (ownerAlive = await this.liveness.isAlive(owner)));
      if (ownerAlive) continue;
      try {
        if (await this.sessions.endOrphanedCall(call.id, owner)) {
          ended++;
          this.reaped.inc();
          this.logger.warn({ msg: 'ended the call of a dead instance as interrupted', callId: call.id, formerOwner: owner });
        }
      } catch (error) {
        this.logger.error(`ending call ${call.id} of dead instance ${owner} failed (tried again at the next look): ${String(error)}`);
      }
    }
    return ended;
  }
}
