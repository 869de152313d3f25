import { matchesAnySecret, secretsEqual } from './secret-compare';

describe('secret comparison', () => {
  it('matches only the identical secret, whatever the lengths', () => {
    expect(secretsEqual('tnt_ingest_abc', 'tnt_ingest_abc')).toBe(true);
    expect(secretsEqual('tnt_ingest_abd', 'tnt_ingest_abc')).toBe(false);
    expect(secretsEqual('tnt', 'tnt_ingest_abc')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });

  it('finds a presented key among several configured ones', () => {
    const keys = ['first-key-000000', 'second-key-11111'];
    expect(matchesAnySecret('second-key-11111', keys)).toBe(true);
    expect(matchesAnySecret('third-key-222222', keys)).toBe(false);
    expect(matchesAnySecret('anything', [])).toBe(false);
  });
});
