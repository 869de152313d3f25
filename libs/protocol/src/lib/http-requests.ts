import { CALL_STATUS } from './call';
import { object, oneOf, optional, refine, string, type Infer } from './schema';

/** Calls per page of `GET /api/calls` when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `limit` of `GET /api/calls`. */
export const MAX_PAGE_SIZE = 200;
/** The longest password a login may carry (longer ones are refused before hashing). */
export const MAX_LOGIN_PASSWORD_LENGTH = 1024;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_RULE = 'an ISO 8601 date (2026-03-01) or date-time with zone (2026-03-01T09:30:00Z)';

/** A query-string value: given once (not `a=1&a=2`, not `a[b]=`) and not empty. */
const QUERY_TEXT = string({ pattern: /\S/, rule: 'given once, as a plain non-empty value' });

/** An instant: a date (midnight UTC) or a date-time with `Z` or an offset; without zone it is refused, not guessed. */
const INSTANT = refine(
  string({ rule: INSTANT_RULE }),
  (value) => (ISO_DATE.test(value) || ISO_DATE_TIME_WITH_ZONE.test(value)) && !Number.isNaN(Date.parse(value)),
  { rule: INSTANT_RULE },
);

/** `limit` as the query string carries it: decimal digits within the page-size range. */
const PAGE_SIZE_TEXT = refine(
  string({ pattern: /^\d{1,6}$/, rule: `an integer from 1 to ${MAX_PAGE_SIZE}` }),
  (value) => Number(value) >= 1 && Number(value) <= MAX_PAGE_SIZE,
  { rule: `an integer from 1 to ${MAX_PAGE_SIZE}` },
);

/**
 * The query string of `GET /api/calls` as sent: every parameter optional, unknown ones refused,
 * `to` later than `from`. Values stay text here; the REST layer turns them into a listing query.
 */
export const CALL_LIST_PARAMETERS = refine(
  object(
    {
      status: optional(CALL_STATUS),
      agentId: optional(string({ max: 200, pattern: /\S/, rule: 'given once, as a plain non-empty value of at most 200 characters' })),
      from: optional(INSTANT),
      to: optional(INSTANT),
      q: optional(QUERY_TEXT),
      limit: optional(PAGE_SIZE_TEXT),
      cursor: optional(QUERY_TEXT),
      alert: optional(string({ max: 200, pattern: /\S/, rule: 'given once, as a plain non-empty value of at most 200 characters' })),
    },
    'reject',
  ),
  (query) => query.from === undefined || query.to === undefined || Date.parse(query.to) > Date.parse(query.from),
  { field: 'to', rule: 'later than from' },
);
/** The query string of `GET /api/calls`, see {@link CALL_LIST_PARAMETERS}. */
export type CallListParameters = Infer<typeof CALL_LIST_PARAMETERS>;

/** `GET /api/calls/:id` takes no query parameters; any given is refused rather than ignored. */
export const CALL_DETAIL_PARAMETERS = object({}, 'reject');

/** Every `format` of `GET /api/calls/:id/transcript`: `json` is the transcript as data, the others are files. */
export const TRANSCRIPT_FORMATS = ['json', 'txt', 'vtt', 'srt'] as const;
/** A transcript format, see {@link TRANSCRIPT_FORMATS}. */
export const TRANSCRIPT_FORMAT = oneOf(TRANSCRIPT_FORMATS);
/** A transcript format, see {@link TRANSCRIPT_FORMATS}. */
export type TranscriptFormat = Infer<typeof TRANSCRIPT_FORMAT>;

/** The query string of `GET /api/calls/:id/transcript`: an optional `format` (`json` when absent). */
export const TRANSCRIPT_PARAMETERS = object({ format: optional(TRANSCRIPT_FORMAT) }, 'reject');
/** The query string of `GET /api/calls/:id/transcript`, see {@link TRANSCRIPT_PARAMETERS}. */
export type TranscriptParameters = Infer<typeof TRANSCRIPT_PARAMETERS>;

/** Body of `POST /api/auth/login`; unknown fields are refused so that typos do not pass silently. */
export const LOGIN_REQUEST = object(
  {
    username: string({ min: 1, max: 64 }),
    password: string({ min: 1, max: MAX_LOGIN_PASSWORD_LENGTH }),
  },
  'reject',
);
/** Body of `POST /api/auth/login`, see {@link LOGIN_REQUEST}. */
export type LoginRequest = Infer<typeof LOGIN_REQUEST>;
