import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { appRoutes } from './app.routes';

/**
 * Root providers of the dashboard. Route parameters are bound straight to component inputs,
 * so pages read `id` or `agentId` as signals instead of injecting ActivatedRoute. The UI socket
 * is the page's own host at `/ws` (the gateway serves both).
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Zoneless is Angular 21's default; stating it keeps the intent visible and zone.js out of the bundle.
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideTranscriptSocket(),
  ],
};
