import type { TextRange } from '@tnt/protocol';

/** A piece of a line of text, marked when it matched the search. */
export interface HighlightPart {
  readonly text: string;
  readonly marked: boolean;
}

/**
 * Cuts `text` into plain and marked pieces along `ranges` (in any order, overlapping or out of
 * bounds: they are sorted, merged and clamped), so a template can render `<mark>` without HTML.
 */
export function highlightParts(text: string, ranges: readonly TextRange[]): HighlightPart[] {
  const merged: { start: number; end: number }[] = [];
  const clamped = ranges
    .map((range) => ({ start: Math.max(0, range.start), end: Math.min(text.length, range.end) }))
    .filter((range) => range.end > range.start)
    .sort((left, right) => left.start - right.start);
  for (const range of clamped) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const range of merged) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}
