import { DEFAULT_OPTIONS, parseBenchOptions } from './bench-options';

describe('parseBenchOptions', () => {
  it('uses the issue bar by default and reads overrides', () => {
    expect(parseBenchOptions([])).toEqual(DEFAULT_OPTIONS);
    expect(parseBenchOptions(['--rate=8000', '--warmup=0', '--rounds', '3'])).toMatchObject({ rate: 8000, warmupSeconds: 0, rounds: 3 });
  });

  it('rejects unknown flags and values that are not positive integers', () => {
    expect(() => parseBenchOptions(['--speed=2'])).toThrow(/Unknown option '--speed'/);
    expect(() => parseBenchOptions(['--rate=fast'])).toThrow(/--rate must be a positive integer \(got "fast"\)/);
    expect(() => parseBenchOptions(['--calls=0'])).toThrow(/--calls must be a positive integer/);
  });
});
