import { PocketsphinxErrorCode } from './pocketsphinx-error';
import { defaultLibraryPath, resolvePocketsphinxOptions } from './pocketsphinx-options';

describe('resolvePocketsphinxOptions', () => {
  it('defaults to the Debian library and en-us model, 16 kHz, and 10 ms frames', () => {
    const options = resolvePocketsphinxOptions();

    expect(options.libraryPath).toBe(defaultLibraryPath());
    expect(options.decoderArguments).toEqual(
      expect.arrayContaining([
        '-hmm',
        '/usr/share/pocketsphinx/model/en-us/en-us',
        '-lm',
        '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin',
      ]),
    );
    expect(pairs(options.decoderArguments)).toMatchObject({ '-samprate': '16000', '-vad_threshold': '3.0', '-bestpath': 'yes' });
    expect(options.frameDurationMs).toBe(10);
    expect(options.interimIntervalMs).toBe(250);
  });

  it('lets tuned decoder parameters be overridden, each name once', () => {
    const { decoderArguments } = resolvePocketsphinxOptions({ decoderParameters: { vad_threshold: '3.5' } });

    expect(pairs(decoderArguments)['-vad_threshold']).toBe('3.5');
    expect(decoderArguments.filter((argument) => argument === '-vad_threshold')).toHaveLength(1);
  });

  it('uses the multiarch directory of the running architecture', () => {
    expect(defaultLibraryPath('arm64')).toBe('/usr/lib/aarch64-linux-gnu/libpocketsphinx.so.3');
  });

  it.each([
    [{ workerCount: 0 }, 'workerCount must be an integer >= 1, got 0'],
    [{ spareDecoders: 1.5 }, 'spareDecoders must be an integer >= 0, got 1.5'],
    [{ idleDecoderTtlMs: 0 }, 'idleDecoderTtlMs must be an integer >= 1, got 0'],
    [{ interimIntervalMs: -1 }, 'interimIntervalMs must be a positive number of milliseconds, got -1'],
    [{ decoderParameters: { '-lw': '7' } }, 'decoderParameters keys are pocketsphinx parameter names without the dash, got "-lw"'],
    [{ decoderParameters: { samprate: '8000' } }, 'decoderParameters.samprate is set by the engine itself and cannot be overridden'],
    [{ decoderParameters: { frate: '0' } }, 'decoderParameters.frate must be a positive integer, got 0'],
  ])('rejects %j with an exact message', (options, message) => {
    expect(() => resolvePocketsphinxOptions(options)).toThrow(
      expect.objectContaining({ code: PocketsphinxErrorCode.InvalidOption, message }),
    );
  });
});

function pairs(decoderArguments: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let index = 0; index < decoderArguments.length; index += 2) result[decoderArguments[index]] = decoderArguments[index + 1];
  return result;
}
