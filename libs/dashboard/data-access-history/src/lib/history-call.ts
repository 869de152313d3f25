import { isCallInfo, isSpeaker, isTranscriptSegment, type CallInfo, type Speaker, type TranscriptSegment } from '@tnt/protocol';

/** A character range `[start, end)` of a segment's text that matched the search. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A final segment that matched a full-text search, as `GET /api/calls?q=` lists it. */
export interface SegmentMatch {
  readonly seq: number;
  readonly segmentId: string;
  readonly speaker: Speaker;
  /** Offset of the segment's start in the speaker's audio, milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  /** The segment's plain text. */
  readonly text: string;
  /** The matching words, as ranges of `text`. */
  readonly highlights: readonly TextRange[];
  /** `text` HTML-escaped with `<mark>`; the dashboard renders `text` + `highlights` instead. */
  readonly highlighted: string;
}

/** A stored call: the protocol's call details, its newest seq, how many final lines it has and, for searches, its matches. */
export interface HistoryCall extends CallInfo {
  readonly lastSeq: number;
  readonly finalSegmentCount: number;
  /** The first matching final segments, in call order, when the listing searched for text. */
  readonly matches?: readonly SegmentMatch[];
}

/** One page of `GET /api/calls`, newest call first. */
export interface HistoryPage {
  readonly calls: readonly HistoryCall[];
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/** `GET /api/calls/:id/transcript?format=json`: the call and its final segments in the order they were sent. */
export interface HistoryTranscript {
  readonly call: HistoryCall;
  readonly segments: readonly TranscriptSegment[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isTextRange(value: unknown): value is TextRange {
  return isRecord(value) && Number.isInteger(value['start']) && Number.isInteger(value['end']);
}

/** True when `value` has the fields of a {@link SegmentMatch}. */
export function isSegmentMatch(value: unknown): value is SegmentMatch {
  return (
    isRecord(value) &&
    typeof value['segmentId'] === 'string' &&
    typeof value['text'] === 'string' &&
    isSpeaker(value['speaker']) &&
    typeof value['startMs'] === 'number' &&
    Array.isArray(value['highlights']) &&
    value['highlights'].every(isTextRange)
  );
}

/** True when `value` has the fields of a {@link HistoryCall} (and valid matches, if any). */
export function isHistoryCall(value: unknown): value is HistoryCall {
  if (!isCallInfo(value)) return false;
  const call = value as unknown as Record<string, unknown>;
  const matches = call['matches'];
  return (
    typeof call['finalSegmentCount'] === 'number' && (matches === undefined || (Array.isArray(matches) && matches.every(isSegmentMatch)))
  );
}

/** True when `value` is a page of calls. */
export function isHistoryPage(value: unknown): value is HistoryPage {
  return (
    isRecord(value) &&
    Array.isArray(value['calls']) &&
    value['calls'].every(isHistoryCall) &&
    (value['nextCursor'] === null || typeof value['nextCursor'] === 'string')
  );
}

/** True when `value` is a call with its final segments. */
export function isHistoryTranscript(value: unknown): value is HistoryTranscript {
  return (
    isRecord(value) && isHistoryCall(value['call']) && Array.isArray(value['segments']) && value['segments'].every(isTranscriptSegment)
  );
}
