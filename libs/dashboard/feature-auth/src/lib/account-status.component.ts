import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthStore, roleLabel } from '@tnt/dashboard/data-access-auth';
import { TranscriptSocketService } from '@tnt/dashboard/data-access-socket';
import { SignedInUserComponent } from '@tnt/dashboard/ui-auth';
import { FULL_PAGE_LOAD } from './full-page-load';
import { LOGIN_PATH } from './home-path';

/** The header's account corner: who is signed in and in which role, and signing out. */
@Component({
  selector: 'tnt-account-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SignedInUserComponent],
  template: `
    @if (session(); as signedIn) {
      <tnt-signed-in-user [username]="signedIn.username" [role]="signedIn.role" [roleLabel]="label()" (signOut)="signOut()" />
    }
  `,
})
export class AccountStatusComponent {
  private readonly auth = inject(AuthStore);
  private readonly socket = inject(TranscriptSocketService);
  private readonly loadPage = inject(FULL_PAGE_LOAD);
  protected readonly session = this.auth.session;
  protected readonly label = computed(() => {
    const session = this.session();
    return session ? roleLabel(session.role) : '';
  });

  /** Forgets the token, closes the socket, and loads the sign-in page afresh so nothing of this user stays in memory. */
  protected signOut(): void {
    this.auth.signOut();
    this.socket.disconnect();
    this.loadPage(LOGIN_PATH);
  }
}
