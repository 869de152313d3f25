import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, NavigationError, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { AccountStatusComponent, homePathOf } from '@tnt/dashboard/feature-auth';
import { ConnectionStatusComponent } from '@tnt/dashboard/feature-connection-status';
import { PRODUCT_NAME } from './product-name';

/**
 * The dashboard shell: a header with the product name, the signed-in person's navigation and
 * account, the connection banner while someone is signed in, and the routed page below. A page
 * that fails to load is reported here instead of leaving a blank screen.
 */
@Component({
  selector: 'tnt-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ConnectionStatusComponent, AccountStatusComponent],
  templateUrl: './app.component.html',
  styleUrl: './app.component.css',
})
export class AppComponent {
  protected readonly productName = PRODUCT_NAME;
  protected readonly session = inject(AuthStore).session;
  /** The signed-in person's start page and what the header calls it. */
  protected readonly home = computed(() => {
    const session = this.session();
    if (!session) return { link: '/login', label: '' };
    return { link: homePathOf(session), label: session.role === 'supervisor' ? 'Supervisor board' : 'My calls' };
  });
  /** Why the last navigation failed, until the next one succeeds. */
  protected readonly pageError = signal<string | null>(null);

  constructor() {
    inject(Router)
      .events.pipe(takeUntilDestroyed())
      .subscribe((event) => {
        if (event instanceof NavigationError) {
          console.error(`TnT: could not open ${event.url}`, event.error);
          this.pageError.set(`The page ${event.url} could not be loaded.`);
        } else if (event instanceof NavigationEnd) {
          this.pageError.set(null);
        }
      });
  }

  protected reload(): void {
    globalThis.location.reload();
  }
}
