import type { CallStatus } from '@tnt/protocol';

/**
 * What the history page searches for. Every field is optional and they combine with AND. Dates
 * are calendar days as `<input type="date">` gives them (`2026-03-01`), in the reader's time zone,
 * and both ends are inclusive: "from 1 March to 2 March" means the two whole days.
 */
export interface HistoryFilters {
  /** Words that must all occur in one final line of the call (full-text search). */
  readonly text?: string;
  readonly status?: CallStatus;
  readonly agentId?: string;
  /** First day, `YYYY-MM-DD`. */
  readonly fromDate?: string;
  /** Last day, `YYYY-MM-DD`. */
  readonly toDate?: string;
}

/** The longest search text the server accepts. */
export const MAX_SEARCH_TEXT_LENGTH = 200;
/** The longest agent id the server accepts. */
export const MAX_AGENT_ID_LENGTH = 200;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STATUSES: readonly CallStatus[] = ['active', 'ended'];

/** Raw filter values, e.g. from a form or the page's URL; blank and unknown values are dropped by {@link cleanFilters}. */
export type RawHistoryFilters = { readonly [field in keyof HistoryFilters]?: string | null };

/** Filters with surrounding blanks trimmed and empty fields (and a status other than `active`/`ended`) left out. */
export function cleanFilters(raw: RawHistoryFilters): HistoryFilters {
  const field = (value: string | null | undefined) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  };
  const status = field(raw.status);
  const cleaned: { -readonly [key in keyof HistoryFilters]: HistoryFilters[key] } = {};
  const text = field(raw.text);
  const agentId = field(raw.agentId);
  const fromDate = field(raw.fromDate);
  const toDate = field(raw.toDate);
  if (text !== undefined) cleaned.text = text;
  if (status !== undefined && (STATUSES as readonly string[]).includes(status)) cleaned.status = status as CallStatus;
  if (agentId !== undefined) cleaned.agentId = agentId;
  if (fromDate !== undefined) cleaned.fromDate = fromDate;
  if (toDate !== undefined) cleaned.toDate = toDate;
  return cleaned;
}

/** True when no filter is set (the listing shows every call). */
export function hasNoFilters(filters: HistoryFilters): boolean {
  return Object.values(filters).every((value) => value === undefined);
}

/** True when both lists of filters ask for the same calls. */
export function sameFilters(left: HistoryFilters, right: HistoryFilters): boolean {
  const fields: (keyof HistoryFilters)[] = ['text', 'status', 'agentId', 'fromDate', 'toDate'];
  return fields.every((field) => left[field] === right[field]);
}

/** The local midnight starting `date` (`YYYY-MM-DD`) plus `addDays`, or `undefined` when `date` is not a real calendar day. */
function localMidnight(date: string, addDays = 0): Date | undefined {
  const parts = CALENDAR_DATE.exec(date);
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const midnight = new Date(year, month - 1, day);
  // new Date(2026, 1, 31) rolls over to 3 March: such a day does not exist.
  if (midnight.getFullYear() !== year || midnight.getMonth() !== month - 1 || midnight.getDate() !== day) return undefined;
  midnight.setDate(midnight.getDate() + addDays);
  return midnight;
}

/** The field at fault and why, when the filters cannot be searched as they are. */
export interface FilterProblem {
  readonly field: keyof HistoryFilters;
  readonly message: string;
}

/** Checks the filters before asking the server, so the form can point at the field at fault. */
export function filtersProblem(filters: HistoryFilters): FilterProblem | undefined {
  if (filters.text !== undefined && filters.text.length > MAX_SEARCH_TEXT_LENGTH) {
    return { field: 'text', message: `Search for at most ${MAX_SEARCH_TEXT_LENGTH} characters.` };
  }
  if (filters.agentId !== undefined && filters.agentId.length > MAX_AGENT_ID_LENGTH) {
    return { field: 'agentId', message: `An agent id has at most ${MAX_AGENT_ID_LENGTH} characters.` };
  }
  const from = filters.fromDate === undefined ? undefined : localMidnight(filters.fromDate);
  const to = filters.toDate === undefined ? undefined : localMidnight(filters.toDate);
  if (filters.fromDate !== undefined && !from) return { field: 'fromDate', message: 'Enter the first day as a date, e.g. 2026-03-01.' };
  if (filters.toDate !== undefined && !to) return { field: 'toDate', message: 'Enter the last day as a date, e.g. 2026-03-02.' };
  if (from && to && to < from) return { field: 'toDate', message: 'The last day is before the first day.' };
  return undefined;
}

/** Paging of one request: how many calls, and the previous page's `nextCursor`. */
export interface HistoryPaging {
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The query parameters of `GET /api/calls` for these filters and paging. Days become instants:
 * `from` is the local midnight starting the first day, `to` the local midnight after the last
 * (the server's `to` is exclusive). Call {@link filtersProblem} first: invalid days are left out.
 */
export function historyQueryParams(filters: HistoryFilters, paging: HistoryPaging): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.text !== undefined) params['q'] = filters.text;
  if (filters.status !== undefined) params['status'] = filters.status;
  if (filters.agentId !== undefined) params['agentId'] = filters.agentId;
  const from = filters.fromDate === undefined ? undefined : localMidnight(filters.fromDate);
  const to = filters.toDate === undefined ? undefined : localMidnight(filters.toDate, 1);
  if (from) params['from'] = from.toISOString();
  if (to) params['to'] = to.toISOString();
  params['limit'] = String(paging.limit);
  if (paging.cursor !== undefined) params['cursor'] = paging.cursor;
  return params;
}
