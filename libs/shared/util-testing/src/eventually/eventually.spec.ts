import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves with the value once a synchronous condition holds', async () => {
    let asks = 0;
    await expect(eventually(() => ++asks >= 3 && 'ready', 'the third ask', { intervalMs: 1 })).resolves.toBe('ready');
    expect(asks).toBe(3);
  });

  it('awaits an asynchronous condition', async () => {
    let asks = 0;
    const held = eventually(async () => ++asks >= 2, 'the second async ask', { intervalMs: 1 });
    await expect(held).resolves.toBe(true);
  });

  it('rejects naming what it waited for after the deadline', async () => {
    await expect(eventually(() => false, 'the moon turns blue', { timeoutMs: 20, intervalMs: 1 })).rejects.toThrow(
      /waiting until the moon turns blue/,
    );
  });

  it('rejects at once when the condition throws', async () => {
    const failing = () => {
      throw new Error('boom');
    };
    await expect(eventually(failing, 'nothing', { timeoutMs: 60_000 })).rejects.toThrow('boom');
  });

  it('stops asking once it has rejected', async () => {
    let asks = 0;
    await expect(eventually(() => (asks++, false), 'never', { timeoutMs: 20, intervalMs: 1 })).rejects.toThrow();
    const asksAtRejection = asks;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asks).toBe(asksAtRejection);
  });
});
