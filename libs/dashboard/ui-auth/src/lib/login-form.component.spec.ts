import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { LoginFormComponent, type SignInCredentials } from './login-form.component';

describe('LoginFormComponent', () => {
  let fixture: ComponentFixture<LoginFormComponent>;
  let host: HTMLElement;
  let submitted: SignInCredentials[];

  async function render(inputs: Record<string, unknown> = {}): Promise<void> {
    fixture = TestBed.createComponent(LoginFormComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    document.body.appendChild(fixture.nativeElement);
    host = fixture.nativeElement as HTMLElement;
    submitted = [];
    fixture.componentInstance.signIn.subscribe((credentials) => submitted.push(credentials));
    await fixture.whenStable();
  }
  const field = (name: 'username' | 'password') => host.querySelector(`input[name="${name}"]`) as HTMLInputElement;
  const button = () => host.querySelector('button[type="submit"]') as HTMLButtonElement;
  function type(name: 'username' | 'password', value: string): void {
    field(name).value = value;
    field(name).dispatchEvent(new Event('input'));
  }
  async function submit(): Promise<void> {
    button().click();
    await fixture.whenStable();
  }

  afterEach(() => fixture.nativeElement.remove());

  it('labels both fields for assistive technology and password managers', async () => {
    await render();

    for (const [name, label, autocomplete] of [
      ['username', 'Username', 'username'],
      ['password', 'Password', 'current-password'],
    ] as const) {
      const labelElement = host.querySelector(`label[for="${field(name).id}"]`);
      expect(labelElement?.textContent?.trim()).toBe(label);
      expect(field(name).getAttribute('autocomplete')).toBe(autocomplete);
    }
    expect(field('password').type).toBe('password');
  });

  it('submits the trimmed username and the password as typed', async () => {
    await render();
    type('username', '  ana ');
    type('password', ' secret with spaces ');
    await submit();

    expect(submitted).toEqual([{ username: 'ana', password: ' secret with spaces ' }]);
  });

  it('names an empty field next to it, marks it invalid, moves the focus there and does not submit', async () => {
    await render();
    type('username', 'ana');
    await submit();

    expect(submitted).toEqual([]);
    const error = host.querySelector('#tnt-login-password-error');
    expect(error?.textContent?.trim()).toBe('Enter your password.');
    expect(field('password').getAttribute('aria-invalid')).toBe('true');
    expect(field('password').getAttribute('aria-describedby')).toBe('tnt-login-password-error');
    expect(document.activeElement).toBe(field('password'));
    expect(field('username').hasAttribute('aria-invalid')).toBe(false);
  });

  it('puts the focus on the username at first, and on the password when the username is given', async () => {
    await render();
    expect(document.activeElement).toBe(field('username'));
    fixture.nativeElement.remove();

    await render({ username: 'ana' });
    expect(field('username').value).toBe('ana');
    expect(document.activeElement).toBe(field('password'));
  });

  it('announces a problem in an alert region and selects the password to type it again', async () => {
    await render();
    type('username', 'ana');
    type('password', 'wrong');
    field('username').focus();

    fixture.componentRef.setInput('problem', 'That username and password do not match an account.');
    await fixture.whenStable();

    expect(host.querySelector('[role="alert"]')?.textContent?.trim()).toBe('That username and password do not match an account.');
    expect(document.activeElement).toBe(field('password'));
    expect(field('password').selectionStart).toBe(0);
    expect(field('password').selectionEnd).toBe('wrong'.length);
  });

  it('keeps the alert region in the page while there is no problem, so the first one is announced', async () => {
    await render();
    const region = host.querySelector('[role="alert"]');
    expect(region).not.toBeNull();
    expect(region?.textContent?.trim()).toBe('');
  });

  it('shows a notice as a status above the fields', async () => {
    await render({ notice: 'Your session expired. Sign in again to continue where you left off.' });

    expect(host.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Your session expired. Sign in again to continue where you left off.',
    );
  });

  it('says it is signing in and ignores more submits while busy', async () => {
    await render({ busy: true });
    type('username', 'ana');
    type('password', 'secret');
    await submit();

    expect(button().textContent?.trim()).toBe('Signing in…');
    expect(button().getAttribute('aria-disabled')).toBe('true');
    expect(host.querySelector('form')?.getAttribute('aria-busy')).toBe('true');
    expect(submitted).toEqual([]);
  });

  it('counts down on the button until another attempt is allowed, then accepts it', async () => {
    await render({ retryInSeconds: 42 });
    type('username', 'ana');
    type('password', 'secret');
    await submit();
    expect(button().textContent?.trim()).toBe('Try again in 42 s');
    expect(submitted).toEqual([]);

    fixture.componentRef.setInput('retryInSeconds', 0);
    await fixture.whenStable();
    await submit();
    expect(button().textContent?.trim()).toBe('Sign in');
    expect(submitted).toEqual([{ username: 'ana', password: 'secret' }]);
  });
});
