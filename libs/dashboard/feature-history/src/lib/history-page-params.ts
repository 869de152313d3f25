import type { HistoryFilters } from '@tnt/dashboard/data-access-history';

/**
 * The history page's query parameters for `filters` (`/history?q=refund&from=2026-03-01`): the
 * API's names, with days as typed. Bound back to the page's inputs, they make a search a link
 * that can be shared, bookmarked and reached with the back button.
 */
export function historyPageParams(filters: HistoryFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.text !== undefined) params['q'] = filters.text;
  if (filters.status !== undefined) params['status'] = filters.status;
  if (filters.agentId !== undefined) params['agentId'] = filters.agentId;
  if (filters.fromDate !== undefined) params['from'] = filters.fromDate;
  if (filters.toDate !== undefined) params['to'] = filters.toDate;
  return params;
}
