import { CALL_INFO } from './call';
import { ERROR_CODE } from './error-codes';
import { INSIGHT } from './insight';
import { array, integer, literal, number, object, optional, refine, string, union, type Infer } from './schema';
import { SPEAKER } from './speaker';
import { TRANSCRIPT_SEGMENT } from './transcript';
import { USER_ROLE } from './user-role';

const SEQ = integer({ min: 0 });

/**
 * The body of every failed HTTP answer of the gateway (`TntError.toBody()`): a stable code and a
 * message for people that names what was wrong. Never a stack.
 */
export const HTTP_ERROR_BODY = object({ code: ERROR_CODE, message: string() });
/** The body of a failed HTTP answer, see {@link HTTP_ERROR_BODY}. */
export type HttpErrorBody = Infer<typeof HTTP_ERROR_BODY>;

/** A character range `[start, end)` of a segment's text that matched a search. */
export const TEXT_RANGE = refine(object({ start: integer({ min: 0 }), end: integer({ min: 0 }) }), (range) => range.end >= range.start, {
  field: 'end',
  rule: 'at least start',
});
/** A matched character range, see {@link TEXT_RANGE}. */
export type TextRange = Infer<typeof TEXT_RANGE>;

/**
 * A final segment that matched a full-text search of `GET /api/calls?q=`: where it is in the call
 * (`seq`, `startMs`/`endMs` in the speaker's audio), its plain `text`, the matching words as
 * `highlights` (ranges of `text`), and `highlighted`, the text HTML-escaped with `<mark>` around
 * each match (safe to insert as HTML; the dashboard renders `text` + `highlights` instead).
 */
export const SEGMENT_MATCH = refine(
  object({
    seq: SEQ,
    segmentId: string(),
    speaker: SPEAKER,
    startMs: number(),
    endMs: number(),
    text: string(),
    highlights: array(TEXT_RANGE),
    highlighted: string(),
  }),
  (match) => match.highlights.every((range) => range.end <= match.text.length),
  { field: 'highlights', rule: 'ranges within text' },
);
/** A search match, see {@link SEGMENT_MATCH}. */
export type SegmentMatch = Infer<typeof SEGMENT_MATCH>;

/**
 * A stored call as the history API gives it: the call as clients see it (`CALL_INFO`) with its
 * newest `lastSeq`, how many final segments it has and, when the listing searched for text, its
 * first matching segments in call order. `alerts` names the alerts raised in it (each once);
 * `insights`, given by `GET /api/calls/:id` only, lists every insight of the call in order.
 */
export const HISTORY_CALL = object(
  {
    ...CALL_INFO.shape,
    lastSeq: SEQ,
    finalSegmentCount: integer({ min: 0 }),
    matches: optional(array(SEGMENT_MATCH)),
    alerts: optional(array(string())),
    insights: optional(array(INSIGHT)),
  },
  'keep',
);
/** A stored call, see {@link HISTORY_CALL}. */
export type HistoryCall = Infer<typeof HISTORY_CALL>;

/** One page of `GET /api/calls`, newest call first; pass `nextCursor` as `cursor` for the next (older) page. */
export const HISTORY_PAGE = object({
  calls: array(HISTORY_CALL),
  nextCursor: union([string({ min: 1 }), literal(null)], 'a non-empty string, or null on the last page'),
});
/** One page of stored calls, see {@link HISTORY_PAGE}. */
export type HistoryPage = Infer<typeof HISTORY_PAGE>;

/** `GET /api/calls/:id/transcript` (`format=json`): the stored call and its final segments in the order they were sent. */
export const HISTORY_TRANSCRIPT = object({ call: HISTORY_CALL, segments: array(TRANSCRIPT_SEGMENT) });
/** A stored call with its final segments, see {@link HISTORY_TRANSCRIPT}. */
export type HistoryTranscript = Infer<typeof HISTORY_TRANSCRIPT>;

/**
 * The answer of `POST /api/auth/login`: the bearer token for `/api/*` and the UI socket (a secret:
 * never log it), when it expires (ISO 8601), and whom it belongs to. An agent always carries the
 * agent id its calls are tagged with.
 */
export const LOGIN_RESPONSE = refine(
  object({
    token: string({ min: 1 }),
    expiresAt: string({ min: 1 }),
    username: string({ min: 1 }),
    role: USER_ROLE,
    agentId: optional(string({ min: 1 })),
  }),
  (session) => session.role !== 'agent' || session.agentId !== undefined,
  { field: 'agentId', rule: 'given for an agent' },
);
/** The answer of a sign-in, see {@link LOGIN_RESPONSE}. */
export type LoginResponse = Infer<typeof LOGIN_RESPONSE>;

/** The answer of `GET /api/auth/me`: whom the bearer token belongs to and, when known, until when it is valid (ISO 8601). */
export const ME_RESPONSE = object({
  username: string({ min: 1 }),
  role: USER_ROLE,
  agentId: optional(string({ min: 1 })),
  expiresAt: optional(string({ min: 1 })),
});
/** Whom a token belongs to, see {@link ME_RESPONSE}. */
export type MeResponse = Infer<typeof ME_RESPONSE>;
