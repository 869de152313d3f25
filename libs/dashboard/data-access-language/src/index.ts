export { LANGUAGE_API_URL, LanguageClient, type LanguageResult } from './lib/language.client';
export {
  decodingModelOf,
  INITIAL_LANGUAGE_STATE,
  isBuilding,
  type LanguagePageState,
  type LanguageRefusal,
  refusalOf,
  saveAnswered,
  saveStarted,
  statusRead,
  textChanged,
} from './lib/language-page-state';
export { LanguageStore } from './lib/language.store';
export { LANGUAGE_POLL_INTERVAL_MS, LANGUAGE_POLL_SCHEDULER, type PollScheduler, TIMER_POLL_SCHEDULER } from './lib/poll-scheduler';
