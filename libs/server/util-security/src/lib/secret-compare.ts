import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares a presented secret with a known one in constant time. Both are hashed first so
 * that neither the content nor the length of the known secret leaks through timing.
 */
export function secretsEqual(presented: string, known: string): boolean {
  return timingSafeEqual(digest(presented), digest(known));
}

/** True when `presented` equals one of `known`; every key is compared, so timing does not reveal which. */
export function matchesAnySecret(presented: string, known: readonly string[]): boolean {
  const presentedDigest = digest(presented);
  let matched = false;
  for (const secret of known) {
    if (timingSafeEqual(presentedDigest, digest(secret))) matched = true;
  }
  return matched;
}
