import { Worker } from 'node:worker_threads';
import { resolveThreadLaunch } from '../thread-launch';
import type { DomainModel, DomainModelInput } from './build-domain-model';

/** The builder holds the generic model (≈3.7 million n-grams) twice while mixing. */
const BUILDER_HEAP_MB = 6144;

/** A build that failed in its thread, with the original error's name (e.g. `DomainInputError`). */
export class DomainModelBuildError extends Error {
  constructor(
    readonly causeName: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainModelBuildError';
  }
}

/**
 * Builds a domain model on a thread of its own, so the minute or so of n-gram work never blocks
 * the event loop; the thread ends with the build.
 */
export function buildDomainModelInThread(input: DomainModelInput): Promise<DomainModel> {
  const launch = resolveThreadLaunch('language-model-builder', `${__dirname}/..`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(launch.script, {
      eval: launch.evaluate,
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: BUILDER_HEAP_MB },
    });
    let settled = false;
    worker.once('message', (message: { model?: DomainModel; error?: { name: string; message: string } }) => {
      settled = true;
      if (message.model) resolve(message.model);
      else reject(new DomainModelBuildError(message.error?.name ?? 'Error', message.error?.message ?? 'the build failed'));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new DomainModelBuildError(error.name, `the language model builder thread failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(new DomainModelBuildError('Error', `the language model builder thread exited with code ${code} before finishing`));
    });
  });
}
