import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { TranscriptSegment } from '@tnt/protocol';
import {
  TRANSCRIPT_PROCESSOR_METADATA,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
  type TranscriptProcessorOptions,
} from './transcript-processor';

/** A processor with the name used in logs. */
interface NamedProcessor {
  readonly name: string;
  readonly processor: TranscriptProcessor;
}

/** Runs every registered {@link TranscriptProcessor} over a segment, in order. */
@Injectable()
export class TranscriptPipeline implements OnModuleInit {
  private readonly logger = new Logger(TranscriptPipeline.name);
  private processors: NamedProcessor[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.processors = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .map((wrapper) => ({
        wrapper,
        options: this.reflector.get<Required<TranscriptProcessorOptions> | undefined>(
          TRANSCRIPT_PROCESSOR_METADATA,
          wrapper.metatype as NonNullable<typeof wrapper.metatype>,
        ),
      }))
      .filter((found) => found.options !== undefined)
      .sort((left, right) => (left.options?.order ?? 0) - (right.options?.order ?? 0))
      .map(({ wrapper }) => ({ name: wrapper.name, processor: wrapper.instance as TranscriptProcessor }));
    if (this.processors.length > 0) {
      this.logger.log(`transcript processors: ${this.processors.map((entry) => entry.name).join(' → ')}`);
    }
  }

  /** Names of the processors in the order they run. */
  get processorNames(): string[] {
    return this.processors.map((entry) => entry.name);
  }

  /** True when no processor is registered (segments pass through untouched). */
  get isEmpty(): boolean {
    return this.processors.length === 0;
  }

  /**
   * Passes `segment` through every processor. A processor that throws is logged and skipped
   * (the segment goes on as it was, annotated with the failure), so one broken extension never
   * loses a segment or stops a call.
   */
  async run(segment: TranscriptSegment, context: TranscriptContext): Promise<TranscriptSegment | null> {
    let current = segment;
    for (const { name, processor } of this.processors) {
      try {
        const processed = await processor.process(current, context);
        if (processed === null) return null;
        current = processed;
      } catch (error) {
        this.logger.error(`processor ${name} failed on call ${context.call.id} segment ${current.id}: ${String(error)}`);
        current = { ...current, annotations: { ...current.annotations, processorFailed: name } };
      }
    }
    return current;
  }

  /** Tells every processor with a `callStarted` hook that a call started here; a failing hook is logged and skipped. */
  async callStarted(context: LiveCallContext): Promise<void> {
    await this.runHook('callStarted', context);
  }

  /** Tells every processor with a `callEnding` hook that a call is ending; a failing hook is logged and skipped. */
  async callEnding(context: LiveCallContext): Promise<void> {
    await this.runHook('callEnding', context);
  }

  private async runHook(hook: 'callStarted' | 'callEnding', context: LiveCallContext): Promise<void> {
    for (const { name, processor } of this.processors) {
      try {
        await processor[hook]?.(context);
      } catch (error) {
        this.logger.error(`processor ${name} failed in ${hook} of call ${context.call.id}: ${String(error)}`);
      }
    }
  }
}
