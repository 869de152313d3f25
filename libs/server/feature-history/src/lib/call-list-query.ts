import { CALL_LIST_PARAMETERS, DEFAULT_PAGE_SIZE } from '@tnt/protocol';
import type { CallListQuery } from '@tnt/server/util-call-archive';
import { parseQuery, type RawQuery } from './query-parameters';

/**
 * Validates the query string of `GET /api/calls` against the protocol's `CALL_LIST_PARAMETERS` and
 * turns it into the archive's query (instants normalised to `toISOString()` form); throws a 400
 * naming the first bad parameter.
 */
export function parseCallListQuery(query: RawQuery): CallListQuery {
  const parameters = parseQuery(CALL_LIST_PARAMETERS, query);
  const listQuery: CallListQuery = { limit: parameters.limit === undefined ? DEFAULT_PAGE_SIZE : Number(parameters.limit) };
  if (parameters.status !== undefined) listQuery.status = parameters.status;
  if (parameters.agentId !== undefined) listQuery.agentId = parameters.agentId;
  if (parameters.from !== undefined) listQuery.startedFrom = new Date(parameters.from).toISOString();
  if (parameters.to !== undefined) listQuery.startedBefore = new Date(parameters.to).toISOString();
  if (parameters.q !== undefined) listQuery.text = parameters.q;
  if (parameters.cursor !== undefined) listQuery.cursor = parameters.cursor;
  if (parameters.alert !== undefined) listQuery.alert = parameters.alert;
  return listQuery;
}
