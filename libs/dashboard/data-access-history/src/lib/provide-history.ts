import type { Provider } from '@angular/core';
import { HISTORY_API_URL } from './history-api.client';

/** Options of {@link provideHistory}. */
export interface HistoryOptions {
  /** The history API, e.g. `http://127.0.0.1:3000/api/calls`. Default: `/api/calls` on the page's origin. */
  readonly apiUrl?: string;
}

/** Where the history API is; needs `provideHttpClient()` and `provideAuth()` for the token. Without it the page's own origin is used. */
export function provideHistory(options: HistoryOptions = {}): Provider[] {
  return options.apiUrl !== undefined ? [{ provide: HISTORY_API_URL, useValue: options.apiUrl }] : [];
}
