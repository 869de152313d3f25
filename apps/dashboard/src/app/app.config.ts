import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';

/**
 * Root providers of the dashboard. Route parameters are bound straight to component inputs,
 * so pages read `id` or `agentId` as signals instead of injecting ActivatedRoute.
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Zoneless is Angular 21's default; stating it keeps the intent visible and zone.js out of the bundle.
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
  ],
};
