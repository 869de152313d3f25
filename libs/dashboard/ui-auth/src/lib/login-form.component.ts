import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

/** What the person typed to sign in. */
export interface SignInCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * The sign-in form: username and password with their labels, a submit button that says when it
 * is busy or when the next attempt is allowed, a notice (e.g. "your session expired") and a
 * problem announced to screen readers. Empty fields are named next to the field and get the
 * focus; after a problem the password is selected, ready to be typed again.
 */
@Component({
  selector: 'tnt-login-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-form.component.html',
  styleUrl: './login-form.component.css',
})
export class LoginFormComponent {
  /** The username to start with (e.g. the one whose session expired); the password gets the focus then. */
  readonly username = input('');
  /** True while a sign-in is on its way: the button waits. */
  readonly busy = input(false);
  /** Information above the form, e.g. why the person has to sign in again. */
  readonly notice = input<string | null>(null);
  /** Why the last sign-in failed, announced as an alert. */
  readonly problem = input<string | null>(null);
  /** Seconds until the server accepts another attempt; the button waits until then. */
  readonly retryInSeconds = input<number | null>(null);
  /** The person submitted a username and a password, both filled in. */
  readonly signIn = output<SignInCredentials>();

  protected readonly usernameValue = linkedSignal(() => this.username());
  protected readonly passwordValue = signal('');
  /** Set on the first submit: from then on, empty fields are called out. */
  protected readonly submitted = signal(false);
  protected readonly usernameMissing = computed(() => this.submitted() && this.usernameValue().trim() === '');
  protected readonly passwordMissing = computed(() => this.submitted() && this.passwordValue() === '');
  protected readonly waiting = computed(() => this.busy() || (this.retryInSeconds() ?? 0) > 0);
  protected readonly buttonLabel = computed(() => {
    const seconds = this.retryInSeconds() ?? 0;
    if (this.busy()) return 'Signing in…';
    return seconds > 0 ? `Try again in ${seconds} s` : 'Sign in';
  });

  private readonly usernameInput = viewChild.required<ElementRef<HTMLInputElement>>('usernameInput');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  constructor() {
    afterNextRender(() => (this.usernameValue() === '' ? this.usernameInput() : this.passwordInput()).nativeElement.focus());
    effect(() => {
      if (this.problem() === null) return;
      untracked(() => {
        const password = this.passwordInput().nativeElement;
        password.focus();
        password.select();
      });
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    if (this.usernameMissing()) return this.usernameInput().nativeElement.focus();
    if (this.passwordMissing()) return this.passwordInput().nativeElement.focus();
    if (this.waiting()) return;
    this.signIn.emit({ username: this.usernameValue().trim(), password: this.passwordValue() });
  }

  protected typed(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
