import { CallerTrends } from './caller-trend';

const options = { negativeRun: 3, negativeBelow: -0.3, trendWindow: 4, trackedCalls: 2 };

describe('CallerTrends', () => {
  it('turns negative once, on the third negative final in a row, not on every one after it', () => {
    const trends = new CallerTrends(options);
    const turned = [-0.5, -0.6, -0.7, -0.8, -0.9].map((score) => trends.record('call-1', score).turnedNegative);
    expect(turned).toEqual([false, false, true, false, false]);
  });

  it('starts a new run after a final that is not negative, which may turn negative again', () => {
    const trends = new CallerTrends(options);
    const turned = [-0.5, -0.5, 0, -0.5, -0.5, -0.2, -0.5, -0.5, -0.5].map((score) => trends.record('call-1', score).turnedNegative);
    expect(turned).toEqual([false, false, false, false, false, false, false, false, true]);
  });

  it('takes a score at the threshold for not negative', () => {
    const trends = new CallerTrends(options);
    expect([-0.3, -0.3, -0.3].map((score) => trends.record('call-1', score).turnedNegative)).toEqual([false, false, false]);
  });

  it('gives the mean of the latest scores as the trend', () => {
    const trends = new CallerTrends(options);
    expect(trends.trendOf('call-1')).toBeUndefined();
    expect([0.8, 0.4, -0.6, -0.6, -0.6].map((score) => trends.record('call-1', score).trend)).toEqual([0.8, 0.6, 0.2, 0, -0.35]);
    expect(trends.trendOf('call-1')).toBe(-0.35);
  });

  it('keeps calls apart and forgets the oldest beyond its bound', () => {
    const trends = new CallerTrends(options);
    trends.record('call-1', -0.9);
    trends.record('call-2', 0.9);
    trends.record('call-3', 0.1);
    expect(trends.size).toBe(2);
    expect(trends.trendOf('call-1')).toBeUndefined();
    expect(trends.trendOf('call-2')).toBe(0.9);
    trends.forget('call-2');
    expect(trends.trendOf('call-2')).toBeUndefined();
  });
});
