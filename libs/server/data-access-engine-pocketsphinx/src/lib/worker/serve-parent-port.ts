import { parentPort } from 'node:worker_threads';

/** What a thread's host does with the messages of its parent. */
export interface PortHost<Incoming> {
  /** Handles one message; false when the thread is done and its port may close. */
  handle(message: Incoming): boolean;
}

/**
 * Wires this worker thread's parent port to the host `createHost` makes (given how to post
 * back), closing the port once the host says it is done; returns the host.
 */
export function serveParentPort<Incoming, Outgoing, Host extends PortHost<Incoming>>(
  threadName: string,
  createHost: (post: (message: Outgoing) => void) => Host,
): Host {
  const port = parentPort;
  if (!port) throw new Error(`${threadName} must run in a worker thread`);
  const host = createHost((message) => port.postMessage(message));
  port.on('message', (message: Incoming) => {
    if (!host.handle(message)) port.close();
  });
  return host;
}
