/**
 * Entry point of the decoder-loading thread (started like the decoding threads, see
 * thread-launch.ts). Wires the thread's port to a {@link DecoderLoaderHost}.
 */
import { workerData } from 'node:worker_threads';
import type { DecoderLoaderSettings, FromDecoderLoaderMessage, ToDecoderLoaderMessage } from '../worker-protocol';
import { DecoderLoaderHost } from './decoder-loader-host';
import { serveParentPort } from './serve-parent-port';

serveParentPort<ToDecoderLoaderMessage, FromDecoderLoaderMessage, DecoderLoaderHost>(
  'decoder-loader',
  (post) => new DecoderLoaderHost(workerData as DecoderLoaderSettings, post),
);
