import { sparklinePoints, sparklineY } from './sparkline-geometry';

const box = { width: 80, height: 20 };

describe('sparkline geometry', () => {
  it('spreads the values across the width, 1 at the top and -1 at the bottom', () => {
    expect(sparklinePoints([1, 0, -1], box)).toBe('0,0 40,10 80,20');
  });

  it('draws one value as a flat line and nothing for none', () => {
    expect(sparklinePoints([-0.5], box)).toBe('0,15 80,15');
    expect(sparklinePoints([], box)).toBe('');
  });

  it('clamps a value beyond -1..1 to the edge', () => {
    expect(sparklineY(3, box)).toBe(0);
    expect(sparklineY(-3, box)).toBe(20);
  });
});
