/**
 * Entry point of a decoding worker thread (see thread-launch.ts for how it is started
 * from compiled JavaScript and from TypeScript sources). Wires the thread's port to a
 * {@link DecoderWorkerHost}.
 */
import { workerData } from 'node:worker_threads';
import type { DecoderWorkerSettings, FromDecoderWorkerMessage, ToDecoderWorkerMessage } from '../worker-protocol';
import { DecoderWorkerHost } from './decoder-worker-host';
import { serveParentPort } from './serve-parent-port';

serveParentPort<ToDecoderWorkerMessage, FromDecoderWorkerMessage, DecoderWorkerHost>(
  'decoder-worker',
  (post) => new DecoderWorkerHost(workerData as DecoderWorkerSettings, post),
).start();
