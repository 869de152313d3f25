import type { MemoryUsage } from '../support/inspector-gc';
import type { TntTarget } from '../transport/tnt-target';
import type { CallPlan, CallsEnded, TransportTarget } from '../transport/transport-target';
import { readModuleEvidence, type ModuleEvidence } from './module-evidence';

/**
 * TnT's gateway as the contact-centre scenario drives it, except that before it is stopped every
 * call it streamed is read back through the history API ({@link readModuleEvidence}): the proof
 * that the modules ran on the events that were measured.
 */
export class EvidenceReadingTarget implements TransportTarget {
  readonly name = 'TnT' as const;
  readonly protocol = 'tnt' as const;
  readonly subscribesAfterCallStart = true;
  private read: ModuleEvidence | undefined;

  constructor(private readonly gateway: TntTarget) {}

  get url(): string {
    return this.gateway.url;
  }

  get pid(): number {
    return this.gateway.pid;
  }

  get supervisorToken(): string | undefined {
    return this.gateway.supervisorToken;
  }

  agentToken(agentId: string): Promise<string | undefined> {
    return this.gateway.agentToken(agentId);
  }

  startCalls(plan: CallPlan): Promise<void> {
    return this.gateway.startCalls(plan);
  }

  endCalls(endedSeqs: () => Promise<Record<string, number>>): Promise<CallsEnded> {
    return this.gateway.endCalls(endedSeqs);
  }

  collectGarbage(): Promise<void> {
    return this.gateway.collectGarbage();
  }

  settledMemory(): Promise<MemoryUsage> {
    return this.gateway.settledMemory();
  }

  /** What the modules left in the calls; throws before the gateway was stopped. */
  evidence(): ModuleEvidence {
    if (!this.read) throw new Error('the calls are read back when the gateway stops');
    return this.read;
  }

  async stop(): Promise<void> {
    try {
      const token = this.gateway.supervisorToken;
      const callIds = this.gateway.lastIngest?.callIds ?? [];
      if (!token) throw new Error('the gateway gave no supervisor token to read the calls back with');
      this.read = await readModuleEvidence(this.url.replace(/^ws/, 'http').replace(/\/ws$/, ''), token, callIds);
    } finally {
      await this.gateway.stop();
    }
  }
}
