export {
  cleanFilters,
  type FilterProblem,
  filtersProblem,
  hasNoFilters,
  type HistoryFilters,
  MAX_SEARCH_TEXT_LENGTH,
  type RawHistoryFilters,
  sameFilters,
} from './lib/history-filters';
export { describeHistoryProblem, type HistoryProblem, type ProblemText } from './lib/history-problem';
export { EXPORT_FORMATS } from './lib/transcript-file';
export { HISTORY_API_URL } from './lib/history-api.client';
export { HISTORY_PAGE_SIZE, HistorySearchStore } from './lib/history-search.store';
export { PastCallStore } from './lib/past-call.store';
