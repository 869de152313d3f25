import { spawn } from 'node:child_process';
import { collectGarbage, inspectorUrlIn, settledMemoryUsage } from './inspector-gc';
import { eventually } from '@tnt/shared/util-testing/eventually';

describe('collectGarbage', () => {
  it('frees garbage in another process so that its heap shrinks', async () => {
    // The child keeps 50 MB of garbage reachable from nothing and prints its heap on request.
    const script = `
      let junk = Array.from({ length: 500 }, () => new Array(12_500).fill(Math.random()));
      junk = null;
      process.stdin.on('data', () => console.log('heap ' + process.memoryUsage().heapUsed));
    `;
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const heapNow = async () => {
        const before = output.length;
        child.stdin.write('\n');
        await eventually(() => /heap \d+\n/.test(output.slice(before)), 'the child reports its heap', { intervalMs: 20 });
        return Number(/heap (\d+)/.exec(output.slice(before))?.[1]);
      };
      await eventually(() => inspectorUrlIn(output), 'the child prints its inspector URL', { intervalMs: 20 });
      const heapBefore = await heapNow();
      await collectGarbage(inspectorUrlIn(output) as string);
      expect(await heapNow()).toBeLessThan(heapBefore - 20_000_000);
    } finally {
      child.kill();
    }
  });

  it('reads the memory another process retains after GC, without its garbage', async () => {
    // The child holds 20 MB in a Buffer it keeps and 50 MB of unreachable arrays.
    const script = `
      globalThis.kept = Buffer.alloc(20_000_000, 1);
      let junk = Array.from({ length: 500 }, () => new Array(12_500).fill(Math.random()));
      junk = null;
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await eventually(() => inspectorUrlIn(output), 'the child prints its inspector URL', { intervalMs: 20 });
      const usage = await settledMemoryUsage(inspectorUrlIn(output) as string);
      expect(usage.arrayBuffers).toBeGreaterThanOrEqual(20_000_000);
      expect(usage.heapUsed).toBeLessThan(20_000_000);
    } finally {
      child.kill();
    }
  });
});
