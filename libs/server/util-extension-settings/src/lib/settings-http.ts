import { ERROR_CODES, TntError } from '@tnt/protocol';
import type { SettingsVersionConflict } from './extension-settings-store';

/** `"3"`, `W/"3"` or `3`: the version an `If-Match` names. */
const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version a settings `PUT` is saved over: the body's `version` or the `If-Match` header's (they
 * must agree), or `undefined` for an unconditional save. Throws 400 `VALIDATION_FAILED` naming the
 * header when it is not a version of the `what` (`rules`, `cards`).
 */
export function expectedSettingsVersion(bodyVersion: number | undefined, ifMatch: string | undefined, what: string): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return bodyVersion;
  const match = IF_MATCH.exec(ifMatch.trim());
  if (!match)
    throw new TntError(
      ERROR_CODES.VALIDATION_FAILED,
      `If-Match must be a version of the ${what} such as "3"; got ${JSON.stringify(ifMatch.slice(0, 40))}`,
    );
  const headerVersion = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== headerVersion)
    throw new TntError(
      ERROR_CODES.VALIDATION_FAILED,
      `version must agree with If-Match (${bodyVersion} in the body, ${headerVersion} in the header)`,
    );
  return headerVersion;
}

/** The 409 `SETTINGS_VERSION_CONFLICT` a client sees for `conflict` on the `what` (`the alert rules`). */
export function settingsConflictError(conflict: SettingsVersionConflict, what: string): TntError {
  return new TntError(
    ERROR_CODES.SETTINGS_VERSION_CONFLICT,
    `${what} were saved by someone else since version ${conflict.expectedVersion} (now version ${conflict.currentVersion}): ` +
      'read them again and redo the change',
  );
}

/** Sets `ETag: "<version>"` on `response` and returns `state`. */
export function withSettingsETag<S extends { readonly version: number }>(
  response: { setHeader(name: string, value: string): unknown },
  state: S,
): S {
  response.setHeader('ETag', `"${state.version}"`);
  return state;
}
