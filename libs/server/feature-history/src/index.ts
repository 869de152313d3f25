export { HISTORY_ERROR_CODES } from './lib/history-errors';
export { HistoryModule, type HistoryModuleOptions } from './lib/history.module';
