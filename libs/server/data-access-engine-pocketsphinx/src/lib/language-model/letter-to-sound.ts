import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EN_US_PHONES } from './domain-text';

const run = promisify(execFile);

/** flite phones that the CMU set spells otherwise. */
const FLITE_TO_CMU: Readonly<Record<string, string>> = { AX: 'AH', AXR: 'ER' };

/**
 * flite's phone string (`pau hh ax l ow1 pau`) as en-us phones (`HH AH L OW`): pauses dropped,
 * stress digits removed, flite's reduced vowels mapped to the CMU phones pocketsphinx knows.
 */
export function fliteToCmuPhones(flitePhones: string): string[] {
  const phones = flitePhones
    .trim()
    .split(/\s+/)
    .filter((phone) => phone !== '' && phone !== 'pau')
    .map((phone) => phone.replace(/\d$/, '').toUpperCase())
    .map((phone) => FLITE_TO_CMU[phone] ?? phone);
  const unknown = phones.filter((phone) => !EN_US_PHONES.has(phone));
  if (unknown.length > 0) throw new Error(`flite gave phones en-us does not have: ${unknown.join(', ')} (from "${flitePhones}")`);
  return phones;
}

/** A word's pronunciation by flite's letter-to-sound rules (Debian `flite`'s `t2p`). */
export async function letterToSound(word: string): Promise<string[]> {
  const { stdout } = await run('t2p', [word]);
  const phones = fliteToCmuPhones(stdout);
  if (phones.length === 0) throw new Error(`flite gave no phones for "${word}"`);
  return phones;
}
