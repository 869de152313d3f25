import { readClusterSettings } from './cluster-settings';

describe('readClusterSettings', () => {
  it('runs three instances in cluster mode behind port 8080 with three demo calls by default', () => {
    const settings = readClusterSettings([], {}, '/repo');
    expect(settings).toMatchObject({
      instances: 3,
      port: 8080,
      statsPort: 8404,
      host: '127.0.0.1',
      demoCalls: 3,
      demoSpeed: 1,
      dataDir: '/repo/data/cluster',
    });
    expect(settings.instanceEnv).toMatchObject({ TNT_STORE: 'postgres', TNT_BUS: 'redis', TNT_ENGINE: 'pocketsphinx', TNT_DEMO: '0' });
  });

  it('passes every TNT_ variable to the instances, so the store and bus can be overridden, but never their own demo', () => {
    const settings = readClusterSettings([], { TNT_STORE: 'memory', TNT_BUS: 'local', TNT_DEMO: '1', HOME: '/root' }, '/repo');
    expect(settings.instanceEnv).toMatchObject({ TNT_STORE: 'memory', TNT_BUS: 'local', TNT_DEMO: '0' });
    expect(settings.instanceEnv).not.toHaveProperty('HOME');
  });

  it('gives each instance its share of the machine cores for speech capacity, unless TNT_CAPACITY_CORES is set', () => {
    expect(readClusterSettings([], {}, '/repo', 2).instanceEnv['TNT_CAPACITY_CORES']).toBe('0.66');
    expect(readClusterSettings(['--instances', '2'], {}, '/repo', 8).instanceEnv['TNT_CAPACITY_CORES']).toBe('4');
    expect(readClusterSettings([], { TNT_CAPACITY_CORES: '1.5' }, '/repo', 2).instanceEnv['TNT_CAPACITY_CORES']).toBe('1.5');
  });

  it('takes the port and instance count from arguments before the environment', () => {
    const settings = readClusterSettings(
      ['--port', '9090', '--instances', '2'],
      { TNT_CLUSTER_PORT: '7070', TNT_CLUSTER_INSTANCES: '5' },
      '/repo',
    );
    expect(settings).toMatchObject({ port: 9090, instances: 2 });
    expect(readClusterSettings([], { TNT_CLUSTER_PORT: '7070' }, '/repo').port).toBe(7070);
  });

  it('refuses a wrong value naming the argument', () => {
    expect(() => readClusterSettings(['--instances', '0'], {}, '/repo')).toThrow('--instances must be an integer from 1 to 32 (got "0")');
    expect(() => readClusterSettings(['--port', 'abc'], {}, '/repo')).toThrow('--port must be an integer');
    expect(() => readClusterSettings(['--demo-speed', '-1'], {}, '/repo')).toThrow('--demo-speed');
    expect(() => readClusterSettings(['--bogus'], {}, '/repo')).toThrow(/bogus/);
  });
});
