import {
  CALL_LIST_PARAMETERS,
  DEFAULT_PAGE_SIZE,
  TRANSCRIPT_PARAMETERS,
  validate,
  type HistoryCall,
  type HistoryPage,
  type HistoryTranscript,
  type Schema,
  type SegmentMatch,
  type TextRange,
  type TranscriptFormat,
  type TranscriptSegment,
} from '@tnt/protocol';

/** A 400 the peer answers, naming the parameter like the gateway does. */
export class PeerValidationError extends Error {}

const MATCHES_PER_CALL = 5;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Where each of `words` occurs in `text` as a whole word, ignoring case; `undefined` unless every word occurs. */
function rangesOf(text: string, words: readonly string[]): TextRange[] | undefined {
  const ranges: TextRange[] = [];
  for (const word of words) {
    const found = [...text.matchAll(/[\p{L}\p{N}']+/gu)].filter((token) => token[0].toLowerCase() === word);
    if (found.length === 0) return undefined;
    for (const token of found) ranges.push({ start: token.index, end: token.index + token[0].length });
  }
  return ranges.sort((left, right) => left.start - right.start);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function matchOf(segment: TranscriptSegment, seq: number, highlights: TextRange[]): SegmentMatch {
  let highlighted = '';
  let at = 0;
  for (const range of highlights) {
    const before = segment.text.slice(at, range.start);
    const marked = segment.text.slice(range.start, range.end);
    highlighted += `${escapeHtml(before)}<mark>${escapeHtml(marked)}</mark>`;
    at = range.end;
  }
  highlighted += escapeHtml(segment.text.slice(at));
  const { id: segmentId, speaker, startMs, endMs, text } = segment;
  return { seq, segmentId, speaker, startMs, endMs, text, highlights, highlighted };
}

/** The query's parameters as the protocol's `schema` accepts them; otherwise a 400 with the schema's message, as the gateway answers. */
function parametersOf<T>(schema: Schema<T>, query: URLSearchParams): T {
  const result = validate(schema, Object.fromEntries(query));
  if (!result.ok) throw new PeerValidationError(result.message);
  return result.value;
}

/** The `format` of a transcript request (`json` when absent), checked by the protocol's `TRANSCRIPT_PARAMETERS`. */
export function transcriptFormatOf(query: URLSearchParams): TranscriptFormat {
  return parametersOf(TRANSCRIPT_PARAMETERS, query).format ?? 'json';
}

/**
 * `GET /api/calls` over the peer's stored calls (newest first), as the README of the gateway's
 * history API describes it — with plain whole-word matching instead of the gateway's stemmed
 * full-text index, which is all a dashboard spec needs.
 */
export function listStoredCalls(stored: readonly HistoryTranscript[], query: URLSearchParams): HistoryPage {
  const parameters = parametersOf(CALL_LIST_PARAMETERS, query);
  const limit = parameters.limit === undefined ? DEFAULT_PAGE_SIZE : Number(parameters.limit);
  const [from, to] = [parameters.from, parameters.to].map((instant) => (instant === undefined ? undefined : Date.parse(instant)));
  const words = wordsOf(parameters.q ?? '');
  const found: HistoryCall[] = [];
  for (const { call, segments } of stored) {
    const startedAt = Date.parse(call.startedAt);
    if (parameters.status !== undefined && call.status !== parameters.status) continue;
    if (parameters.agentId !== undefined && call.agentId !== parameters.agentId) continue;
    if ((from !== undefined && startedAt < from) || (to !== undefined && startedAt >= to)) continue;
    if (parameters.q === undefined) {
      found.push(call);
      continue;
    }
    const matches = segments.flatMap((segment, index) => {
      const ranges = rangesOf(segment.text, words);
      return ranges ? [matchOf(segment, index + 1, ranges)] : [];
    });
    if (matches.length > 0) found.push({ ...call, matches: matches.slice(0, MATCHES_PER_CALL) });
  }
  const cursor = parameters.cursor;
  const start = cursor === undefined ? 0 : found.findIndex((call) => `after:${call.id}` === cursor) + 1;
  if (cursor !== undefined && start === 0) throw new PeerValidationError('cursor is not a cursor of this listing');
  const calls = found.slice(start, start + limit);
  const last = calls.at(-1);
  return { calls, nextCursor: start + limit < found.length && last ? `after:${last.id}` : null };
}

/** A text export in the peer's own simple rendering: a first line naming the format, then one line per final segment. */
export function renderStoredTranscript({ call, segments }: HistoryTranscript, format: 'txt' | 'vtt' | 'srt'): string {
  const heading = { txt: `Call ${call.id}`, vtt: 'WEBVTT', srt: `SubRip ${call.id}` }[format];
  return [heading, '', ...segments.map((segment) => `${segment.speaker}: ${segment.text}`)].join('\n') + '\n';
}
