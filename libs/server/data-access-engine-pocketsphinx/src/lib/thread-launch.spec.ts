import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { resolveThreadLaunch } from './thread-launch';
import { PocketsphinxErrorCode } from './pocketsphinx-error';

describe('resolveThreadLaunch', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'decoder-worker-launch-'));
    await mkdir(join(directory, 'worker'));
  });

  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('starts the compiled entry point when the build put one beside the module', async () => {
    await writeFile(join(directory, 'worker', 'decoder-loader.js'), '');
    await writeFile(join(directory, 'worker', 'decoder-loader.ts'), '');

    expect(resolveThreadLaunch('decoder-loader', directory)).toEqual({
      script: join(directory, 'worker', 'decoder-loader.js'),
      evaluate: false,
    });
  });

  it('runs TypeScript sources in a thread by compiling them with SWC', async () => {
    await writeFile(join(directory, 'worker', 'answer.ts'), 'export const answer: number = 42;\n');
    await writeFile(
      join(directory, 'worker', 'decoder-worker.ts'),
      "import { parentPort } from 'node:worker_threads';\nimport { answer } from './answer';\n" +
        'const typed: string = `answer ${answer}`;\nparentPort?.postMessage(typed);\n',
    );
    const launch = resolveThreadLaunch('decoder-worker', directory);

    const worker = new Worker(launch.script, { eval: launch.evaluate });
    const message = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(message).toBe('answer 42');
  });

  it('names both paths it looked for when neither exists', () => {
    expect(() => resolveThreadLaunch('decoder-worker', directory)).toThrow(
      expect.objectContaining({
        code: PocketsphinxErrorCode.WorkerFailed,
        message: expect.stringContaining(join(directory, 'worker', 'decoder-worker.ts')),
      }),
    );
  });
});
