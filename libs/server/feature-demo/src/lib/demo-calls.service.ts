import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SPEAKERS } from '@tnt/protocol';
import { conversationFor, conversationLengthMs } from '@tnt/server/data-access-engine-scripted';
import { TranscriptionService, type LiveCall } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';

/** Audio is fed in slices of this length (of call time). */
const SLICE_MS = 100;
/** Sample rate of the demo's silent audio. */
const SAMPLE_RATE = 16000;
/** Pause between one demo call ending and the next starting on the same line. */
const PAUSE_BETWEEN_CALLS_MS = 2000;

/**
 * SIMULATION for demos without audio (`TNT_DEMO=1` with `TNT_ENGINE=scripted`; a real engine
 * gets real speech from the call simulator the composition root starts): keeps
 * `TNT_DEMO_CALLS` overlapping calls going, each feeding silence at `TNT_DEMO_SPEED` × real time
 * so the scripted engine plays a conversation. Real audio demos stream through ingest instead.
 */
@Injectable()
export class DemoCallsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoCallsService.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private callsStarted = 0;
  /** Makes demo call ids unique across restarts, since a durable store remembers earlier ones. */
  private readonly runId = Date.now().toString(36);
  private stopped = false;

  constructor(
    private readonly transcription: TranscriptionService,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.demo || !this.transcription.isSimulated) return;
    this.logger.log(`demo: ${this.config.demoCalls} simulated call line(s) at ${this.config.demoSpeed}× real time`);
    const staggerMs = 4000 / this.config.demoSpeed;
    for (let line = 0; line < this.config.demoCalls; line++) this.later(() => void this.runCall(line), line * staggerMs);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async runCall(line: number): Promise<void> {
    if (this.stopped || !this.transcription.isAccepting) return;
    const number = ++this.callsStarted;
    let live: LiveCall;
    try {
      live = await this.transcription.startCall({
        id: `demo-${this.runId}-${number}`,
        agentId: `agent-${line + 1}`,
        from: `+1555010${String(number % 100).padStart(2, '0')}`,
        to: '+18005550100',
        speakers: SPEAKERS,
        sampleRate: SAMPLE_RATE,
      });
    } catch (error) {
      this.logger.error(`demo line ${line + 1}: could not start a call: ${String(error)}`);
      return;
    }
    const lengthMs = conversationLengthMs(conversationFor(live.call.id));
    this.feed(live, line, 0, lengthMs);
  }

  private feed(live: LiveCall, line: number, playedMs: number, lengthMs: number): void {
    if (this.stopped || live.isEnding) return;
    if (playedMs >= lengthMs) {
      this.transcription.endCall(live, 'completed').then(
        () => this.later(() => void this.runCall(line), PAUSE_BETWEEN_CALLS_MS / this.config.demoSpeed),
        (error) => this.logger.error(`demo call ${live.call.id} did not end cleanly: ${String(error)}`),
      );
      return;
    }
    const silence = new Int16Array((SAMPLE_RATE * SLICE_MS) / 1000);
    for (const speaker of SPEAKERS) live.write(speaker, silence);
    this.later(() => this.feed(live, line, playedMs + SLICE_MS, lengthMs), SLICE_MS / this.config.demoSpeed);
  }

  private later(task: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, delayMs);
    this.timers.add(timer);
  }
}
