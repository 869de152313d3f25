import { loadConfig } from './tnt-config';

describe('sentiment settings', () => {
  it('scores sentiment by default and alerts after three caller finals below -0.3', () => {
    expect(loadConfig({}).extensions.sentiment).toEqual({ enabled: true, negativeRun: 3, negativeBelow: -0.3 });
  });

  it('reads the switch, the run and the threshold', () => {
    const config = loadConfig({ TNT_SENTIMENT: 'off', TNT_SENTIMENT_NEGATIVE_RUN: '5', TNT_SENTIMENT_NEGATIVE_BELOW: ' -0.45 ' });
    expect(config.extensions.sentiment).toEqual({ enabled: false, negativeRun: 5, negativeBelow: -0.45 });
  });

  it.each([
    ['TNT_SENTIMENT', 'sometimes', 'must be one of 1, 0, true, false, yes, no, on, off'],
    ['TNT_SENTIMENT_NEGATIVE_RUN', '0', 'must be an integer from 1 to 50'],
    ['TNT_SENTIMENT_NEGATIVE_RUN', '2.5', 'must be an integer from 1 to 50'],
    ['TNT_SENTIMENT_NEGATIVE_BELOW', '0.3', 'must be a number above -1 and below 0'],
    ['TNT_SENTIMENT_NEGATIVE_BELOW', '-1', 'must be a number above -1 and below 0'],
    ['TNT_SENTIMENT_NEGATIVE_BELOW', 'low', 'must be a number above -1 and below 0'],
  ])('stops the start on %s=%j, naming the variable and the rule', (variable, value, rule) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(`Invalid configuration: ${variable} ${rule} (got ${JSON.stringify(value)})`);
  });
});
