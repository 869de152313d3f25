import type { Readable, Writable } from 'node:stream';

/**
 * Reads one line from a non-interactive stream (a pipe: `echo "$PW" | users add …`), without
 * its line ending. Only the first line counts; an empty stream gives an empty string.
 */
export async function readFirstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

/**
 * Asks for a password on a terminal without echoing it: raw mode, so every key arrives as
 * typed; Enter ends, Backspace deletes, Ctrl-C aborts.
 */
export function promptHidden(prompt: string, input: NodeJS.ReadStream, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    // Echo goes off before the prompt appears, so nothing typed (or pasted) early is shown.
    input.setRawMode(true);
    output.write(prompt);
    let typed = '';
    const finish = (outcome: () => void): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      for (const character of chunk.toString('utf8')) {
        if (character === '\r' || character === '\n') return finish(() => resolve(typed));
        if (character === '\u0003') return finish(() => reject(new Error('aborted')));
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}
