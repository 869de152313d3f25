import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/**
 * Loads a URL as a new page, so nothing of the current one stays in memory (the calls and
 * transcripts the previous user saw). A token so that specs, where jsdom cannot navigate, can
 * see which page would load.
 */
export const FULL_PAGE_LOAD = new InjectionToken<(url: string) => void>('FULL_PAGE_LOAD', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).location;
    return (url) => location.assign(url);
  },
});
