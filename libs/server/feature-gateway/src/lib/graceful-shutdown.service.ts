import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOSE_CODES } from '@tnt/protocol';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { ConnectionRegistry } from './connection-registry';

/**
 * The order of a graceful stop: live calls flush their final segments to subscribers first, then
 * every UI client is told `disconnecting` and closed with 1001, all within the drain time.
 */
@Injectable()
export class GracefulShutdownService {
  private readonly logger = new Logger(GracefulShutdownService.name);

  constructor(
    private readonly transcription: TranscriptionService,
    private readonly connections: ConnectionRegistry,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  /** Flushes calls and closes every client; resolves within roughly the configured drain time. */
  async drain(signal: string): Promise<void> {
    const startedAt = Date.now();
    this.logger.log(`${signal}: draining ${this.transcription.liveCallCount} call(s) and ${this.connections.size} connection(s)`);
    await this.withinDeadline(this.transcription.endAll('shutdown'), this.config.shutdownDrainMs / 2, 'flushing calls');
    const remainingMs = Math.max(100, this.config.shutdownDrainMs - (Date.now() - startedAt));
    await this.connections.closeAll(
      { type: 'status', status: 'disconnecting', reason: 'server shutting down', serverTime: new Date().toISOString() },
      CLOSE_CODES.GOING_AWAY,
      'server shutting down',
      remainingMs,
    );
    this.logger.log(`drained in ${Date.now() - startedAt} ms`);
  }

  private async withinDeadline(work: Promise<void>, deadlineMs: number, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
    const outcome = await Promise.race([work.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn(`${what} took longer than ${deadlineMs} ms; going on`);
  }
}
