import type { CallStatus } from '@tnt/protocol';
import type { CallListQuery } from '@tnt/server/util-call-archive';
import { invalidParameter } from './history-errors';
import { choiceParameter, instantParameter, integerParameter, rejectUnknownParameters, singleValue, type RawQuery } from './query-parameters';

/** Parameters of `GET /api/calls`. */
export const CALL_LIST_PARAMETERS = ['status', 'agentId', 'from', 'to', 'q', 'limit', 'cursor'] as const;

/** Calls per page when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `limit`. */
export const MAX_PAGE_SIZE = 200;

const STATUSES: readonly CallStatus[] = ['active', 'ended'];

/** Validates the query string of `GET /api/calls`; throws a 400 naming the first bad parameter. */
export function parseCallListQuery(query: RawQuery): CallListQuery {
  rejectUnknownParameters(query, CALL_LIST_PARAMETERS);
  const startedFrom = instantParameter(query, 'from');
  const startedBefore = instantParameter(query, 'to');
  if (startedFrom !== undefined && startedBefore !== undefined && startedBefore <= startedFrom) {
    throw invalidParameter('to', `must be later than from (${startedFrom})`, query['to']);
  }
  const agentId = singleValue(query, 'agentId');
  if (agentId !== undefined && agentId.length > 200) throw invalidParameter('agentId', 'must be at most 200 characters');
  const listQuery: CallListQuery = { limit: integerParameter(query, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE) };
  const status = choiceParameter(query, 'status', STATUSES);
  const text = singleValue(query, 'q');
  const cursor = singleValue(query, 'cursor');
  if (status !== undefined) listQuery.status = status;
  if (agentId !== undefined) listQuery.agentId = agentId;
  if (startedFrom !== undefined) listQuery.startedFrom = startedFrom;
  if (startedBefore !== undefined) listQuery.startedBefore = startedBefore;
  if (text !== undefined) listQuery.text = text;
  if (cursor !== undefined) listQuery.cursor = cursor;
  return listQuery;
}
