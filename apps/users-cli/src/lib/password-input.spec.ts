import { PassThrough } from 'node:stream';
import { promptHidden } from './password-input';

/**
 * A terminal double: a stream with `setRawMode` that records the mode at each moment. (The real
 * pseudo-terminal behaviour — nothing echoed — was checked by running the built CLI under a pty.)
 */
function terminal(): { input: NodeJS.ReadStream; output: PassThrough; events: string[] } {
  const events: string[] = [];
  const input = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  input.setRawMode = (mode: boolean) => {
    events.push(`raw:${mode}`);
    return input;
  };
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => events.push(`out:${chunk.toString()}`));
  return { input, output, events };
}

describe('promptHidden', () => {
  it('turns echo off before showing the prompt and back on after Enter', async () => {
    const { input, output, events } = terminal();
    const answer = promptHidden('Password: ', input, output);
    (input as unknown as PassThrough).write('s3cret\r');
    expect(await answer).toBe('s3cret');
    expect(events).toEqual(['raw:true', 'out:Password: ', 'raw:false', 'out:\n']);
  });

  it('handles Backspace and keys arriving one by one', async () => {
    const { input, output } = terminal();
    const answer = promptHidden('> ', input, output);
    for (const key of ['a', 'b', 'x', '\u007f', 'c', '\n']) (input as unknown as PassThrough).write(key);
    expect(await answer).toBe('abc');
  });

  it('aborts on Ctrl-C and restores the terminal', async () => {
    const { input, output, events } = terminal();
    const answer = promptHidden('> ', input, output);
    (input as unknown as PassThrough).write('ab\u0003');
    await expect(answer).rejects.toThrow('aborted');
    expect(events).toContain('raw:false');
  });
});
