import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './atomic-file';
import { hasErrorCode } from './errno';

/** File of the generated JWT signing secret inside the data directory. */
export const JWT_SECRET_FILE_NAME = 'jwt-secret';

/** File of the generated ingest API keys (one per line) inside the data directory. */
export const INGEST_KEYS_FILE_NAME = 'ingest-api-keys';

/** A secret read from or written to the data directory. */
export interface StoredSecret {
  /** The file's content, trimmed. */
  readonly value: string;
  /** True when this call generated it (first start). */
  readonly created: boolean;
  readonly path: string;
}

/**
 * Reads the secret in `path`, or creates the file with `generate()` when it does not exist.
 * Creation uses O_EXCL and mode 0600, so two processes starting at once cannot both generate
 * one (the loser reads the winner's); the folder is created with mode 0700. A secret file
 * readable by others is tightened to 0600 and `onWarning` is told.
 */
export async function loadOrCreateSecretFile(
  path: string,
  generate: () => string,
  onWarning?: (message: string) => void,
): Promise<StoredSecret> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const file = await open(path, 'wx', PRIVATE_FILE_MODE);
    const value = generate();
    try {
      await file.writeFile(`${value}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    return { value, created: true, path };
  } catch (error) {
    if (!hasErrorCode(error, 'EEXIST')) throw error;
  }
  const stats = await stat(path);
  if ((stats.mode & 0o077) !== 0) {
    await chmod(path, PRIVATE_FILE_MODE);
    onWarning?.(`${path} was readable by other users; its mode is now 0600`);
  }
  const value = (await readFile(path, 'utf8')).trim();
  if (value === '') throw new Error(`${path} is empty; delete it to generate a new secret`);
  return { value, created: false, path };
}

/** 32 random bytes, base64url: the HS256 key size RFC 7518 §3.2 asks for. */
export function generateJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh ingest API key: a recognisable prefix (for secret scanners) and 32 random bytes. */
export function generateIngestApiKey(): string {
  return `tnt_ingest_${randomBytes(32).toString('base64url')}`;
}

/** The JWT signing secret of `<dataDir>/jwt-secret`, generated on first use. */
export async function loadOrCreateJwtSecret(dataDir: string, onWarning?: (message: string) => void): Promise<StoredSecret> {
  return loadOrCreateSecretFile(join(dataDir, JWT_SECRET_FILE_NAME), generateJwtSecret, onWarning);
}

/** The ingest API keys of `<dataDir>/ingest-api-keys` (one per line), one generated on first use. */
export async function loadOrCreateIngestApiKeys(
  dataDir: string,
  onWarning?: (message: string) => void,
): Promise<{ keys: string[]; created: boolean; path: string }> {
  const stored = await loadOrCreateSecretFile(join(dataDir, INGEST_KEYS_FILE_NAME), generateIngestApiKey, onWarning);
  const keys = stored.value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (keys.length === 0) throw new Error(`${stored.path} holds no key; delete it to generate one`);
  return { keys, created: stored.created, path: stored.path };
}
