/**
 * Entry point of a decoding worker thread (see thread-launch.ts for how it is started
 * from compiled JavaScript and from TypeScript sources). Wires the thread's port to a
 * {@link DecoderWorkerHost}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DecoderWorkerSettings, ToDecoderWorkerMessage } from '../worker-protocol';
import { DecoderWorkerHost } from './decoder-worker-host';

if (!parentPort) {
  throw new Error('decoder-worker must run in a worker thread');
}
const port = parentPort;
const host = new DecoderWorkerHost(workerData as DecoderWorkerSettings, (message) => port.postMessage(message));
port.on('message', (message: ToDecoderWorkerMessage) => {
  if (!host.handle(message)) port.close();
});
host.start();
