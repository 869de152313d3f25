/** A document as the store keeps it: its value and the version its last write gave it. */
export interface StoredSetting<T = unknown> {
  /** 1 after the first write, one more after each write since. */
  readonly version: number;
  readonly value: T;
}

/**
 * The settings port: small JSON documents of the extensions (phrase-alert rules, assist cards …),
 * each under its own key, kept where the calls are kept (`TNT_STORE`), so that every instance of a
 * cluster reads the same ones. Writes are checked against the version the writer read (optimistic
 * concurrency): two supervisors saving at once cannot silently overwrite each other, and several
 * instances seeding at once write once.
 *
 * Keys are the extension's own (`phrase-alerts.rules`); values are anything `JSON.stringify` keeps.
 */
export interface ExtensionSettingsStore {
  /** The document under `key`, or `undefined` when nothing was ever written there. */
  get(key: string): Promise<StoredSetting | undefined>;
  /**
   * Writes `value` under `key` and returns it with its new version. With `expectedVersion` the write
   * happens only when the stored version is that one (`0`: only when nothing is stored yet);
   * otherwise it throws {@link SettingsVersionConflict} and changes nothing. Without it, it always writes.
   */
  put(key: string, value: unknown, expectedVersion?: number): Promise<StoredSetting>;
}

/** Injection token of the {@link ExtensionSettingsStore}. */
export const EXTENSION_SETTINGS = Symbol('EXTENSION_SETTINGS');

/** A write was refused: the document changed since the writer read it (HTTP 409 for a client). */
export class SettingsVersionConflict extends Error {
  constructor(
    readonly key: string,
    readonly expectedVersion: number,
    /** The version stored now (0: none). */
    readonly currentVersion: number,
  ) {
    super(`${key} is at version ${currentVersion}, not ${expectedVersion}: someone else saved it since it was read`);
    this.name = 'SettingsVersionConflict';
  }
}

/** Throws, naming the value, unless `version` can be an expected version (a whole number ≥ 0). */
export function assertExpectedVersion(version: number | undefined): void {
  if (version !== undefined && !(Number.isSafeInteger(version) && version >= 0))
    throw new RangeError(`an expected settings version must be a whole number ≥ 0; got ${String(version)}`);
}
