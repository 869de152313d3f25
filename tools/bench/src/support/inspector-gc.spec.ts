/// <reference types="jest" />
import { spawn } from 'node:child_process';
import { collectGarbage, inspectorUrlIn } from './inspector-gc';

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
        while (!/heap \d+\n/.test(output.slice(before))) await new Promise((resolve) => setTimeout(resolve, 20));
        return Number(/heap (\d+)/.exec(output.slice(before))?.[1]);
      };
      while (!inspectorUrlIn(output)) await new Promise((resolve) => setTimeout(resolve, 20));
      const heapBefore = await heapNow();
      await collectGarbage(inspectorUrlIn(output) as string);
      expect(await heapNow()).toBeLessThan(heapBefore - 20_000_000);
    } finally {
      child.kill();
    }
  });
});
