import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import type { ResolvedPocketsphinxOptions } from './pocketsphinx-options';

/** The command that installs everything the engine needs at run time on Debian. */
export const POCKETSPHINX_INSTALL_COMMAND = 'apt-get install libpocketsphinx3 pocketsphinx-en-us';

/**
 * Resolves when the speech library and every model file are readable; otherwise rejects with a
 * {@link PocketsphinxError} (`POCKETSPHINX_NOT_INSTALLED`) that lists what is missing and the
 * Debian packages that provide it.
 */
export async function assertPocketsphinxInstalled(options: ResolvedPocketsphinxOptions): Promise<void> {
  const required: ReadonlyArray<readonly [path: string, what: string]> = [
    [options.libraryPath, 'speech library'],
    [join(options.acousticModelPath, 'mdef'), 'acoustic model'],
    [options.languageModelPath, 'language model'],
    [options.dictionaryPath, 'pronunciation dictionary'],
  ];
  const missing: string[] = [];
  for (const [path, what] of required) {
    if (!(await isReadable(path))) missing.push(`${what} ${path}`);
  }
  if (missing.length > 0) {
    throw new PocketsphinxError(
      PocketsphinxErrorCode.NotInstalled,
      `pocketsphinx is not installed: missing ${missing.join(', ')}. ` + `Install the Debian packages: ${POCKETSPHINX_INSTALL_COMMAND}`,
    );
  }
}

async function isReadable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return false;
    throw error;
  }
}
