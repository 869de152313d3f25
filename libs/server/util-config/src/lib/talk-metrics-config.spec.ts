import { loadConfig } from './tnt-config';

describe('talk-metrics settings', () => {
  it('is off by default, and once on reads every 5 s and alerts after 10 s of silence', () => {
    expect(loadConfig({}).extensions.talkMetrics).toEqual({ enabled: false, intervalMs: 5000, silenceAlertMs: 10_000 });
  });

  it('reads the switch, the interval (fractions allowed) and the alert threshold (0: no alert)', () => {
    const config = loadConfig({ TNT_TALK_METRICS: 'on', TNT_TALK_METRICS_INTERVAL_SECONDS: '2.5', TNT_SILENCE_ALERT_SECONDS: '0' });
    expect(config.extensions.talkMetrics).toEqual({ enabled: true, intervalMs: 2500, silenceAlertMs: 0 });
  });

  it.each([
    ['TNT_TALK_METRICS', 'sometimes', 'must be one of 1, 0, true, false, yes, no, on, off'],
    ['TNT_TALK_METRICS_INTERVAL_SECONDS', '0', 'must be a number above 0 and at most 3600'],
    ['TNT_SILENCE_ALERT_SECONDS', '2.5', 'must be an integer from 0 to 3600'],
    ['TNT_SILENCE_ALERT_SECONDS', '-1', 'must be an integer from 0 to 3600'],
  ])('rejects %s=%s naming the variable and the rule', (variable, value, rule) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(`Invalid configuration: ${variable} ${rule} (got "${value}")`);
  });
});
