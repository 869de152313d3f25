import type { TextRange } from '@tnt/protocol';

/**
 * Marks a store's highlighter (FTS5 `highlight()`, PostgreSQL `ts_headline`) puts around matches:
 * control characters that transcripts never contain.
 */
export const MATCH_OPEN = '\u0002';
/** See {@link MATCH_OPEN}. */
export const MATCH_CLOSE = '\u0003';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** A matched text in three forms: plain, as ranges, and as safe HTML with `<mark>`. */
export interface HighlightedText {
  text: string;
  highlights: TextRange[];
  highlighted: string;
}

/** Reads text marked with {@link MATCH_OPEN}/{@link MATCH_CLOSE} into its plain, ranged and HTML forms. */
export function readHighlights(marked: string): HighlightedText {
  const highlights: TextRange[] = [];
  let text = '';
  let highlighted = '';
  let openedAt = -1;
  for (const part of marked.split(new RegExp(`([${MATCH_OPEN}${MATCH_CLOSE}])`))) {
    if (part === MATCH_OPEN) {
      openedAt = text.length;
      highlighted += '<mark>';
    } else if (part === MATCH_CLOSE) {
      highlights.push({ start: openedAt, end: text.length });
      highlighted += '</mark>';
    } else {
      text += part;
      highlighted += escapeHtml(part);
    }
  }
  return { text, highlights, highlighted };
}
