/**
 * Thread entry: builds one domain language model (see `buildDomainModel`) off the event loop and
 * posts `{ model }` or `{ error: { name, message } }` to its parent, then ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildDomainModel, type DomainModelInput } from '../language-model/build-domain-model';

buildDomainModel(workerData as DomainModelInput).then(
  (model) => parentPort?.postMessage({ model }),
  (error: unknown) =>
    parentPort?.postMessage({ error: { name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) } }),
);
