import { ConfigError } from './env-parsers';
import { loadConfig } from './tnt-config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.heartbeatIntervalMs).toBe(30_000);
    expect(config.maxFrameBytes).toBe(65_536);
    expect(config.demo).toBe(false);
  });

  it('reads values from the environment', () => {
    const config = loadConfig({ PORT: '0', TNT_DEMO: 'yes', TNT_DEMO_SPEED: '2.5', TNT_ENGINE: 'scripted' });
    expect(config).toMatchObject({ port: 0, demo: true, demoSpeed: 2.5, engine: 'scripted' });
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be an integer/],
    ['TNT_DEMO', 'maybe', /TNT_DEMO must be one of/],
    ['TNT_ENGINE', 'whisper', /TNT_ENGINE must be one of pocketsphinx, scripted/],
    ['TNT_DEMO_SPEED', '-1', /TNT_DEMO_SPEED must be a number above 0/],
    ['TNT_HISTORY_SIZE', '1.5', /TNT_HISTORY_SIZE must be an integer/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
