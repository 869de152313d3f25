import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireSoxAndFlite, runToolAsync } from './audio-tools';
import { fliteSpeech, speakToWav } from './flite';
import { fromTelephoneMulaw, runSox, soxiFormat, soxResample, soxSamples, toTelephoneMulaw } from './sox';
import { withTemporaryDirectory } from './temporary-directory';

function rootMeanSquare(samples: Int16Array): number {
  return Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
}

describe('sox and flite helpers', () => {
  beforeAll(() => requireSoxAndFlite());

  it('speaks text at the asked rate, one second of speech being about rate samples', () => {
    const speech = fliteSpeech('one two three', 8000);
    expect(speech.length).toBeGreaterThan(4000);
    expect(speech.length).toBeLessThan(40_000);
    expect(rootMeanSquare(speech)).toBeGreaterThan(300);
  });

  it('resamples to the target rate: twice the rate, twice the samples', () => {
    const speech = fliteSpeech('hello there', 8000);
    expect(soxResample(speech, 8000, 16000).length).toBe(speech.length * 2);
  });

  it('round-trips speech through 8 kHz mu-law with one byte per 8 kHz sample and the energy kept', async () => {
    const speech = fliteSpeech('please check my order', 16000);
    const mulaw = await toTelephoneMulaw(speech, 16000);
    expect(mulaw.length).toBe(speech.length / 2);
    const back = await fromTelephoneMulaw(mulaw, 16000);
    expect(back.length).toBe(speech.length);
    expect(rootMeanSquare(back) / rootMeanSquare(speech)).toBeGreaterThan(0.8);
    expect(rootMeanSquare(back) / rootMeanSquare(speech)).toBeLessThan(1.2);
  });

  it('decodes a WAV file to the samples flite wrote and reports its format', () => {
    withTemporaryDirectory((directory) => {
      const path = join(directory, 'speech.wav');
      speakToWav('good morning', path);
      expect(soxiFormat(path)).toEqual({ sampleRate: 16000, channels: 1 });
      expect(soxSamples(path)).toEqual(fliteSpeech('good morning', 16000));
    });
  });

  it('reports a failed sox run with TESTING_ERR_TOOL_FAILED and what sox said', () => {
    expect(() => runSox(['/nonexistent/input.wav', '/tmp/never.wav'])).toThrow(
      expect.objectContaining({ code: 'TESTING_ERR_TOOL_FAILED', message: expect.stringContaining('/nonexistent/input.wav') }),
    );
  });

  it('reports a missing binary with TESTING_ERR_TOOL_MISSING and how to install it', async () => {
    await expect(runToolAsync('tnt-no-such-tool', [])).rejects.toMatchObject({
      code: 'TESTING_ERR_TOOL_MISSING',
      message: expect.stringContaining('apt-get install'),
    });
  });
});

describe('withTemporaryDirectory', () => {
  it('removes the directory once synchronous work returns', () => {
    const used = withTemporaryDirectory((directory) => directory);
    expect(existsSync(used)).toBe(false);
  });

  it('keeps the directory until asynchronous work settles, then removes it', async () => {
    let seenDuringWork = false;
    const used = await withTemporaryDirectory(async (directory) => {
      await new Promise((resolve) => setImmediate(resolve));
      seenDuringWork = existsSync(directory);
      return directory;
    });
    expect(seenDuringWork).toBe(true);
    expect(existsSync(used)).toBe(false);
  });

  it('removes the directory when the work throws', () => {
    let used = '';
    expect(() =>
      withTemporaryDirectory((directory) => {
        used = directory;
        throw new Error('work failed');
      }),
    ).toThrow('work failed');
    expect(existsSync(used)).toBe(false);
  });
});
