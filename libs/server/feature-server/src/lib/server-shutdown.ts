import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConnectionRegistry } from '@tnt/server/feature-gateway';
import { IngestConnections } from '@tnt/server/feature-ingest';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';

/**
 * The order of a graceful stop (SIGTERM, SIGINT or `RunningGateway.stop`), run before the
 * application closes, while every socket and the event bus still work:
 *
 * 1. stop ingest: no new call is taken;
 * 2. end calls: each live call's engine streams are flushed, so its last finals are stored and
 *    sent before its `call ended` event (at most half the drain time);
 * 3. tell clients: every UI socket gets `status: disconnecting` and is closed with 1001;
 * 4. close (`app.close()`, by the caller): Nest runs the features' own shutdown hooks from the
 *    root module down its imports, which closes the ingest sockets, stops the engine and closes
 *    the store last, since every module that writes calls imports it.
 *
 * Each feature owns its step; the composition root owns their order.
 */
@Injectable()
export class ServerShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly ingest: IngestConnections,
    private readonly transcription: TranscriptionService,
    private readonly clients: ConnectionRegistry,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  /** Steps 1–3; resolves within about `TNT_SHUTDOWN_DRAIN_MS`. `signal` names the cause in the log. */
  async drain(signal: string): Promise<void> {
    const startedAt = performance.now();
    this.logger.log(`${signal}: draining ${this.transcription.liveCallCount} call(s) and ${this.clients.size} connection(s)`);
    this.ingest.stopTakingCalls();
    await this.withinDeadline(this.transcription.endAll('shutdown'), this.config.shutdownDrainMs / 2, 'ending calls');
    const remainingMs = Math.max(100, this.config.shutdownDrainMs - (performance.now() - startedAt));
    await this.clients.disconnectAll(remainingMs);
    this.logger.log(`drained in ${Math.round(performance.now() - startedAt)} ms`);
  }

  private async withinDeadline(work: Promise<void>, deadlineMs: number, what: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
    const outcome = await Promise.race([work.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn(`${what} took longer than ${deadlineMs} ms; going on`);
  }
}
