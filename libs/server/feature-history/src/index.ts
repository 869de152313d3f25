export { HISTORY_ERROR_CODES, type HistoryErrorCode } from './lib/history-errors';
export { HistoryModule, type HistoryModuleOptions } from './lib/history.module';
