import { createServer, Socket } from 'node:net';

/**
 * A TCP port on `host` that nothing listens on at the moment of asking, for a process that cannot
 * report the port it bound itself (HAProxy has no `PORT=0`). Another process may take it before
 * the caller binds it: callers retry on a bind failure.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port was assigned'))));
    });
  });
}

/** Resolves once a TCP connection to `host:port` is accepted, polling every 50 ms; rejects after `timeoutMs`. */
export async function waitUntilAccepting(
  host: string,
  port: number,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await accepts(host, port)) return;
    if (!isAlive()) throw new Error(`the process meant to listen on ${host}:${port} has exited`);
    if (Date.now() >= deadline) throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
