import type { DiscoveryService } from '@nestjs/core';
import { Reflector } from '@nestjs/core';
import { TranscriptPipeline } from '../lib/transcript-pipeline';
import type { TranscriptProcessor } from '../lib/transcript-processor';

/**
 * A real transcript pipeline over the given processors (each a class marked `@ProcessesTranscripts`), found the
 * way Nest's discovery would hand them over, without an application around them.
 */
export function transcriptPipelineOf(...processors: TranscriptProcessor[]): TranscriptPipeline {
  const providers = processors.map((instance) => ({ name: instance.constructor.name, metatype: instance.constructor, instance }));
  const pipeline = new TranscriptPipeline({ getProviders: () => providers } as unknown as DiscoveryService, new Reflector());
  pipeline.onModuleInit();
  return pipeline;
}
