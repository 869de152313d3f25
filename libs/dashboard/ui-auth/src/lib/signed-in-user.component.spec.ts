import { TestBed } from '@angular/core/testing';
import { SignedInUserComponent } from './signed-in-user.component';

describe('SignedInUserComponent', () => {
  it('says who is signed in and in which role, and asks to sign out on the button', async () => {
    const fixture = TestBed.createComponent(SignedInUserComponent);
    fixture.componentRef.setInput('username', 'agent-1');
    fixture.componentRef.setInput('role', 'agent');
    fixture.componentRef.setInput('roleLabel', 'Agent');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    let signOuts = 0;
    fixture.componentInstance.signOut.subscribe(() => signOuts++);

    expect(host.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Signed in as agent-1, role Agent');
    expect(host.querySelector('.role')?.getAttribute('data-role')).toBe('agent');
    (host.querySelector('button') as HTMLButtonElement).click();
    expect(signOuts).toBe(1);
  });
});
