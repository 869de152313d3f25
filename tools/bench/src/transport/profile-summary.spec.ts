import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from './profile-summary';

describe('summariseProfile', () => {
  it('finds the function a real node --cpu-prof run spent its time in', () => {
    const directory = mkdtempSync(join(tmpdir(), 'profile-summary-'));
    try {
      const script =
        'function spinForAWhile() { const end = Date.now() + 300; let x = 0; ' +
        'while (Date.now() < end) x += Math.sqrt(x + 1); return x; } spinForAWhile();';
      execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${directory}`, '-e', script]);
      const [file] = readdirSync(directory);
      const summary = summariseProfile(join(directory, file));
      expect(summary.sampledSeconds).toBeGreaterThan(0.2);
      expect(summary.topFunctions[0].name).toMatch(/^spinForAWhile/);
      expect(summary.topFunctions[0].percent).toBeGreaterThan(50);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
