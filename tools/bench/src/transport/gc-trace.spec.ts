import { execFileSync } from 'node:child_process';
import { summariseGcTrace } from './gc-trace';

describe('summariseGcTrace', () => {
  it('counts the scavenges and full collections a real node --trace-gc run printed', () => {
    const script = 'let keep = []; for (let i = 0; i < 200000; i++) keep.push({ i, text: "x".repeat(50) }); globalThis.gc(); keep = null;';
    const output = execFileSync(process.execPath, ['--trace-gc', '--expose-gc', '-e', script]).toString();
    const pauses = summariseGcTrace(output);
    const scavenges = pauses.find((entry) => entry.kind === 'Scavenge');
    const fullCollections = pauses.find((entry) => entry.kind === 'Mark-Compact');
    expect(scavenges?.count).toBeGreaterThan(0);
    expect(fullCollections?.count).toBeGreaterThanOrEqual(1);
    expect(fullCollections?.maxMs).toBeGreaterThan(0);
  });

  it('leaves out the collections forced from outside to settle the heap', () => {
    const forced =
      '[1:0x1]  10 ms: Mark-Compact 150.0 (160.0) -> 100.0 (150.0) MB, 900.00 / 0.00 ms  ' +
      '(average mu = 0.5, current mu = 0.1) low memory notification; GC in old space requested';
    const natural =
      '[1:0x1]  20 ms: Mark-Compact 150.0 (160.0) -> 100.0 (150.0) MB, 30.00 / 0.00 ms  ' +
      '(average mu = 0.5, current mu = 0.1) allocation failure; GC in old space requested';
    expect(summariseGcTrace(`${forced}\n${natural}\n`)).toEqual([{ kind: 'Mark-Compact', count: 1, totalMs: 30, maxMs: 30 }]);
  });
});
