import { SerialQueue } from './serial-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SerialQueue', () => {
  it('runs synchronous tasks at once when idle', () => {
    const order: number[] = [];
    const queue = new SerialQueue((error) => {
      throw error;
    });
    queue.push(() => {
      order.push(1);
    });
    queue.push(() => {
      order.push(2);
    });
    expect(order).toEqual([1, 2]);
  });

  it('keeps a later synchronous task behind an earlier async one', async () => {
    const order: string[] = [];
    const queue = new SerialQueue((error) => {
      throw error;
    });
    queue.push(async () => {
      await tick();
      order.push('slow');
    });
    queue.push(() => {
      order.push('fast');
    });
    expect(order).toEqual([]);
    await queue.drain();
    expect(order).toEqual(['slow', 'fast']);
  });

  it('reports a failing task and goes on with the next', async () => {
    const errors: unknown[] = [];
    const done: string[] = [];
    const queue = new SerialQueue((error) => errors.push(error));
    queue.push(async () => {
      await tick();
      throw new Error('boom');
    });
    queue.push(() => {
      done.push('after');
    });
    queue.push(() => {
      throw new Error('sync boom');
    });
    await queue.drain();
    expect(done).toEqual(['after']);
    expect(errors.map((error) => (error as Error).message)).toEqual(['boom', 'sync boom']);
  });
});
