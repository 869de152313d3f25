import { paceFrames } from './frame-pacer';

describe('paceFrames', () => {
  it('sends every frame once, in order, never ahead of its time on the sped-up clock', async () => {
    const sentAt: number[] = [];
    const indexes: number[] = [];
    const startedAt = performance.now();
    await paceFrames(10, 20, 2, (index) => {
      indexes.push(index);
      sentAt.push(performance.now() - startedAt);
    });
    expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    sentAt.forEach((elapsed, index) => expect(elapsed).toBeGreaterThanOrEqual(index * 10 - 1));
  });

  it('stops and rejects when sending fails', async () => {
    await expect(
      paceFrames(5, 1, 1, (index) => {
        if (index === 2) throw new Error('socket closed');
      }),
    ).rejects.toThrow('socket closed');
  });
});
