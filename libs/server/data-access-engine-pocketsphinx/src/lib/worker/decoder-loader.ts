/**
 * Entry point of the decoder-loading thread (started like the decoding threads, see
 * thread-launch.ts). Wires the thread's port to a {@link DecoderLoaderHost}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DecoderLoaderSettings, ToDecoderLoaderMessage } from '../worker-protocol';
import { DecoderLoaderHost } from './decoder-loader-host';

if (!parentPort) {
  throw new Error('decoder-loader must run in a worker thread');
}
const port = parentPort;
const host = new DecoderLoaderHost(workerData as DecoderLoaderSettings, (message) => port.postMessage(message));
port.on('message', (message: ToDecoderLoaderMessage) => {
  if (!host.handle(message)) port.close();
});
