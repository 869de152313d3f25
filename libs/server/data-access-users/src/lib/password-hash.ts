import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost of new hashes: N = 2^15, r = 8, p = 1 (32 MiB, ~50–100 ms per hash on one core). */
export const PASSWORD_HASH_PARAMETERS = { cost: 2 ** 15, blockSize: 8, parallelization: 1 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';
/** Upper bounds accepted when reading a stored hash, so a tampered file cannot make one verification eat the machine. */
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELIZATION = 16;

/** A stored hash that cannot be read; the message says why, never what it contains. */
export class PasswordHashFormatError extends Error {
  constructor(reason: string) {
    super(`unreadable password hash: ${reason}`);
    this.name = 'PasswordHashFormatError';
  }
}

interface ParsedHash {
  cost: number;
  blockSize: number;
  parallelization: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function scryptOptions(cost: number, blockSize: number, parallelization: number): ScryptOptions {
  // Node refuses scrypt above `maxmem` (32 MiB by default); 128·N·r bytes are needed, plus slack.
  return { N: cost, r: blockSize, p: parallelization, maxmem: 128 * cost * blockSize * parallelization + 1024 * 1024 };
}

function parse(encoded: string): ParsedHash {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) throw new PasswordHashFormatError(`expected ${PREFIX}$N$r$p$salt$key`);
  const [cost, blockSize, parallelization] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(cost) || cost < 2 || cost > MAX_COST || (cost & (cost - 1)) !== 0) throw new PasswordHashFormatError('bad N');
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > MAX_BLOCK_SIZE) throw new PasswordHashFormatError('bad r');
  if (!Number.isInteger(parallelization) || parallelization < 1 || parallelization > MAX_PARALLELIZATION) {
    throw new PasswordHashFormatError('bad p');
  }
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16) throw new PasswordHashFormatError('salt or key too short');
  return { cost, blockSize, parallelization, salt, key };
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt. The result carries its parameters
 * (`scrypt$N$r$p$salt$key`, base64), so stronger parameters can be adopted later without
 * breaking stored hashes. Passwords are NFC-normalised so the same characters typed on
 * different systems match.
 */
export async function hashPassword(password: string): Promise<string> {
  const { cost, blockSize, parallelization } = PASSWORD_HASH_PARAMETERS;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, scryptOptions(cost, blockSize, parallelization));
  return [PREFIX, cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `encoded` (from {@link hashPassword}); the keys are compared in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const { cost, blockSize, parallelization, salt, key } = parse(encoded);
  const candidate = await derive(password, salt, key.length, scryptOptions(cost, blockSize, parallelization));
  return timingSafeEqual(candidate, key);
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification and returns false: used when the username is unknown,
 * so that a login's duration does not reveal which usernames exist.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('base64'));
  await verifyPassword(password, await decoy);
  return false;
}
