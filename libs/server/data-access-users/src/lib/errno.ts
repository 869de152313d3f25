/**
 * True when `error` is a Node system error with `code` (e.g. `ENOENT`). Checked by shape, not
 * with `instanceof Error`: errors from Node's fs can come from another realm (Jest's VM sandbox).
 */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
