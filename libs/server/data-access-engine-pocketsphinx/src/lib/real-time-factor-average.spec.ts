import { RealTimeFactorAverage } from './real-time-factor-average';

describe('RealTimeFactorAverage', () => {
  it('has no value before any audio was decoded', () => {
    expect(new RealTimeFactorAverage(60).value).toBeNull();
  });

  it('is work over audio while the work per second stays the same', () => {
    const average = new RealTimeFactorAverage(60);
    for (let batch = 0; batch < 100; batch++) average.record(0.5, 0.05);
    expect(average.value).toBeCloseTo(0.1, 9);
  });

  it('follows the recent cost once decoding gets slower, forgetting the old cost over its span of audio', () => {
    const average = new RealTimeFactorAverage(10);
    for (let batch = 0; batch < 100; batch++) average.record(1, 0.1);
    for (let batch = 0; batch < 50; batch++) average.record(1, 0.4);
    expect(average.value).toBeCloseTo(0.4, 2);
  });
});
