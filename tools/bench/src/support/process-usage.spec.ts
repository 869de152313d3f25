import { execFileSync, spawn } from 'node:child_process';
import { cpuPercentBetween, readProcessUsage } from './process-usage';

describe('readProcessUsage', () => {
  it('reads the same resident size as ps reports for this process', () => {
    const usage = readProcessUsage(process.pid);
    const psKilobytes = Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(process.pid)])
        .toString()
        .trim(),
    );
    expect(Math.abs(usage.rssBytes / 1024 - psKilobytes)).toBeLessThan(psKilobytes * 0.1);
  });

  it('reads the CPU time a child process reports for itself', async () => {
    // The child burns 600 ms of CPU, prints what it measured, then idles.
    const script = `
      while (process.cpuUsage().user + process.cpuUsage().system < 600_000) {}
      const used = process.cpuUsage();
      console.log('cpu ' + (used.user + used.system) / 1e6);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['-e', script]);
    try {
      const reported = await new Promise<number>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => resolve(Number(/cpu ([\d.]+)/.exec(chunk.toString())?.[1]))),
      );
      const before = readProcessUsage(child.pid as number);
      expect(before.cpuSeconds).toBeGreaterThanOrEqual(reported - 0.02);
      expect(before.cpuSeconds).toBeLessThan(reported + 0.1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(cpuPercentBetween(before, readProcessUsage(child.pid as number))).toBeLessThan(10);
    } finally {
      child.kill();
    }
  });
});
