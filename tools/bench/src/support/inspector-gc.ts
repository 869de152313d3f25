import WebSocket from 'ws';

/** The DevTools WebSocket URL a process started with `--inspect=127.0.0.1:0` printed, if it did. */
export function inspectorUrlIn(output: string): string | undefined {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(output)?.[1];
}

/** What `process.memoryUsage()` says, in bytes. */
export interface MemoryUsage {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** Sends DevTools protocol requests over one socket, in order; resolves with each result. */
async function withInspector<T>(
  inspectorUrl: string,
  work: (request: (method: string, params?: object) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const request = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
        if (reply.id !== id) return;
        socket.off('message', onMessage);
        if (reply.error) reject(new Error(`${method} failed: ${reply.error.message}`));
        else resolve(reply.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    return await work(request);
  } finally {
    socket.close();
  }
}

/**
 * Runs full garbage collections in another Node process and reads its `process.memoryUsage()`:
 * heap and external memory after GC are what the process really retains.
 */
export function settledMemoryUsage(inspectorUrl: string): Promise<MemoryUsage> {
  return withInspector(inspectorUrl, async (request) => {
    await request('HeapProfiler.collectGarbage');
    await request('HeapProfiler.collectGarbage');
    const evaluated = (await request('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as {
      result: { value?: string };
      exceptionDetails?: { text: string };
    };
    if (evaluated.exceptionDetails || typeof evaluated.result.value !== 'string') {
      throw new Error(`reading process.memoryUsage() failed: ${evaluated.exceptionDetails?.text ?? 'no value'}`);
    }
    return JSON.parse(evaluated.result.value) as MemoryUsage;
  });
}

/**
 * Runs full garbage collections in another Node process through its inspector
 * (`HeapProfiler.collectGarbage`), so memory readings compare settled heaps, not GC timing.
 */
export async function collectGarbage(inspectorUrl: string, rounds = 2): Promise<void> {
  await withInspector(inspectorUrl, async (request) => {
    for (let round = 0; round < rounds; round++) await request('HeapProfiler.collectGarbage');
  });
}
