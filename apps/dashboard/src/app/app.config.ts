import { provideHttpClient } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideAuth } from '@tnt/dashboard/data-access-auth';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { provideSessionEndRedirect } from '@tnt/dashboard/feature-auth';
import { appRoutes } from './app.routes';

/**
 * Root providers of the dashboard. Route and query parameters are bound straight to component
 * inputs, so pages read `id`, `agentId` or `returnUrl` as signals instead of injecting
 * ActivatedRoute. The UI socket and the auth API are the page's own host (`/ws`, `/api/auth`);
 * the socket presents the signed-in user's token, and a session the server stops accepting
 * brings up the sign-in page.
 */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Zoneless is Angular 21's default; stating it keeps the intent visible and zone.js out of the bundle.
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(),
    provideAuth(),
    provideTranscriptSocket(),
    provideSessionEndRedirect(),
  ],
};
