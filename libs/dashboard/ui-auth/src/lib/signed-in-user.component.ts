import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The header's account corner: who is signed in, in which role, and a sign-out button. */
@Component({
  selector: 'tnt-signed-in-user',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="who">
      <span class="visually-hidden">Signed in as </span><span class="username">{{ username() }}</span
      ><span class="visually-hidden">, role </span><span class="role" [attr.data-role]="role()">{{ roleLabel() }}</span>
    </p>
    <button type="button" class="sign-out" (click)="signOut.emit()">Sign out</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .who {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
    }
    .username {
      font-weight: 600;
    }
    .role {
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      background: rgb(255 255 255 / 14%);
      color: var(--tnt-header-muted, #b7c1cf);
    }
    .sign-out {
      font: inherit;
      font-size: 0.9rem;
      padding: 0.25rem 0.75rem;
      border-radius: 0.4rem;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .sign-out:hover {
      background: rgb(255 255 255 / 10%);
    }
    .sign-out:focus-visible {
      outline: 3px solid var(--tnt-accent, #2f7de1);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
})
export class SignedInUserComponent {
  /** Who is signed in. */
  readonly username = input.required<string>();
  /** The role's machine name (`supervisor`, `agent`), for styling and tests. */
  readonly role = input.required<string>();
  /** The role as people read it (`Supervisor`, `Agent`). */
  readonly roleLabel = input.required<string>();
  /** The person asked to sign out. */
  readonly signOut = output<void>();
}
