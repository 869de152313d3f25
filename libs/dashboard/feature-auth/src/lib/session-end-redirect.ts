import { DestroyRef, inject, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { LOGIN_PATH, returnUrlParams } from './home-path';

/**
 * When the server stops accepting the session (it expired), shows the sign-in page with the
 * current URL to come back to. The page's state stays in memory, so after signing in again the
 * socket resubscribes with `since` and nothing is lost.
 */
export function provideSessionEndRedirect(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const router = inject(Router);
    inject(AuthStore)
      .sessionEnded$.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => {
        const current = router.url;
        if (current === LOGIN_PATH || current.startsWith(`${LOGIN_PATH}?`)) return;
        router.navigate([LOGIN_PATH], { queryParams: returnUrlParams(current) }).catch((error: unknown) => {
          console.error('TnT: could not show the sign-in page after the session ended', error);
        });
      });
  });
}
