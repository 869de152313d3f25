import type { TntError } from '@tnt/protocol';
import { jsonTooDeep } from './limit-errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Default nesting limit: TnT's messages nest three levels at most; 16 leaves room and stops abuse. */
export const DEFAULT_MAX_JSON_DEPTH = 16;

/**
 * True when `json` nests objects/arrays deeper than `maxDepth` (`{}` is depth 1). One pass over
 * the text, stopping at the first level too deep, so it is cheap enough to run before
 * `JSON.parse` on every frame; brackets inside strings do not count. It does not validate the
 * JSON: `JSON.parse` still does. A Buffer is scanned as UTF-8 bytes (multi-byte sequences never
 * contain the ASCII bytes looked for).
 */
export function exceedsJsonDepth(json: string | Uint8Array, maxDepth: number): boolean {
  const text = typeof json === 'string';
  const length = json.length;
  let depth = 0;
  for (let index = 0; index < length; index++) {
    const code = text ? (json as string).charCodeAt(index) : (json as Uint8Array)[index];
    if (code === QUOTE) {
      index = closingQuote(json, index + 1);
      if (index < 0) return false; // unterminated string: JSON.parse will refuse the frame
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/**
 * Index of the quote that ends the string starting at `from`, or -1. Found with the native
 * `indexOf` (string contents are most of a frame's bytes); a quote preceded by an odd number of
 * backslashes is escaped and skipped.
 */
function closingQuote(json: string | Uint8Array, from: number): number {
  let candidate = from;
  for (;;) {
    candidate = typeof json === 'string' ? json.indexOf('"', candidate) : (json as Uint8Array).indexOf(QUOTE, candidate);
    if (candidate < 0) return -1;
    let backslashes = 0;
    for (let before = candidate - 1; before >= from; before--) {
      const code = typeof json === 'string' ? json.charCodeAt(before) : json[before];
      if (code !== BACKSLASH) break;
      backslashes++;
    }
    if (backslashes % 2 === 0) return candidate;
    candidate++;
  }
}

/** The `JSON_TOO_DEEP` error for `json`, or undefined when it is within `maxDepth`. */
export function checkJsonDepth(json: string | Uint8Array, maxDepth: number): TntError | undefined {
  return exceedsJsonDepth(json, maxDepth) ? jsonTooDeep(maxDepth) : undefined;
}
