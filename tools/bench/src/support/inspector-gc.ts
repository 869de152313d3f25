import WebSocket from 'ws';

/** The DevTools WebSocket URL a process started with `--inspect=127.0.0.1:0` printed, if it did. */
export function inspectorUrlIn(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1];
}

/**
 * Runs full garbage collections in another Node process through its inspector
 * (`HeapProfiler.collectGarbage`), so memory readings compare settled heaps, not GC timing.
 */
export async function collectGarbage(inspectorUrl: string, rounds = 2): Promise<void> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    for (let round = 1; round <= rounds; round++) {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (data: Buffer) => {
          const reply = JSON.parse(data.toString()) as { id?: number; error?: { message: string } };
          if (reply.id !== round) return;
          socket.off('message', onMessage);
          if (reply.error) reject(new Error(`HeapProfiler.collectGarbage failed: ${reply.error.message}`));
          else resolve();
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ id: round, method: 'HeapProfiler.collectGarbage' }));
      });
    }
  } finally {
    socket.close();
  }
}
