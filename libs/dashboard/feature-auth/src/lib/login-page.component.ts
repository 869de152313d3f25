import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { AuthStore, type SignInProblem, type SignInResult } from '@tnt/dashboard/data-access-auth';
import { LoginFormComponent, type SignInCredentials } from '@tnt/dashboard/ui-auth';
import { interval } from 'rxjs';
import { FULL_PAGE_LOAD } from './full-page-load';
import { homePathOf, safeReturnUrl } from './home-path';
import { describeSignInProblem } from './sign-in-messages';

/**
 * The sign-in page (`/login`). Says why the person is here when their session expired, explains
 * every failure (wrong credentials, too many attempts with the wait, server unreachable), and
 * afterwards goes back to `returnUrl` or the person's start page.
 */
@Component({
  selector: 'tnt-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoginFormComponent],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.css',
})
export class LoginPageComponent {
  /** Where to go after signing in, bound from `?returnUrl=`; only paths of this dashboard are followed. */
  readonly returnUrl = input<string | undefined>();

  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly loadPage = inject(FULL_PAGE_LOAD);
  /** The time the countdown is measured from: ticks every second, and is set when a wait starts. */
  private readonly now = signal(Date.now());
  protected readonly busy = signal(false);
  private readonly problem = signal<SignInProblem | null>(null);
  /** When the server accepts the next attempt (epoch ms), after a `rate-limited` answer. */
  private readonly retryAt = signal<number | null>(null);

  protected readonly initialUsername = computed(() => this.auth.endedSession()?.username ?? '');
  protected readonly notice = computed(() => {
    const ended = this.auth.endedSession();
    if (!ended) return null;
    return ended.reason === 'expired'
      ? 'Your session expired. Sign in again to continue where you left off.'
      : 'The server no longer accepts your sign-in. Sign in again to continue.';
  });
  protected readonly problemText = computed(() => {
    const problem = this.problem();
    return problem ? describeSignInProblem(problem) : null;
  });
  protected readonly retryInSeconds = computed(() => {
    const retryAt = this.retryAt();
    return retryAt === null ? null : Math.max(0, Math.ceil((retryAt - this.now()) / 1000));
  });

  constructor() {
    interval(1000)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(Date.now()));
  }

  protected async signIn(credentials: SignInCredentials): Promise<void> {
    if (this.busy()) return;
    const before = this.auth.endedSession();
    this.busy.set(true);
    this.problem.set(null);
    let result: SignInResult;
    try {
      result = await this.auth.signIn(credentials.username, credentials.password);
    } catch (error) {
      console.error('TnT: signing in failed unexpectedly', error);
      result = { ok: false, problem: { kind: 'unexpected', status: 0, message: 'the dashboard failed; see the browser console' } };
    } finally {
      this.busy.set(false);
    }
    if (!result.ok) {
      this.problem.set(result.problem);
      const wait = result.problem.kind === 'rate-limited' ? result.problem.retryAfterSeconds : undefined;
      this.now.set(Date.now());
      this.retryAt.set(wait === undefined ? null : this.now() + wait * 1000);
      return;
    }
    const target = safeReturnUrl(this.returnUrl()) ?? homePathOf(result.session);
    if (before && before.username !== result.session.username) {
      // Someone else signs in where a session ended: a new page, so nothing the previous user saw stays in memory.
      this.loadPage(target);
      return;
    }
    if (!(await this.router.navigateByUrl(target))) await this.router.navigateByUrl(homePathOf(result.session));
  }
}
