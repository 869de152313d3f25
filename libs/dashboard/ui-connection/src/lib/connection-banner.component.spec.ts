import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ConnectionState } from '@tnt/dashboard/util-model';
import { ConnectionBannerComponent } from './connection-banner.component';

describe('ConnectionBannerComponent', () => {
  let fixture: ComponentFixture<ConnectionBannerComponent>;
  const host = () => fixture.nativeElement as HTMLElement;

  function show(state: ConnectionState, secondsUntilRetry: number | null = null, problem: string | null = null): void {
    fixture.componentRef.setInput('state', state);
    fixture.componentRef.setInput('secondsUntilRetry', secondsUntilRetry);
    fixture.componentRef.setInput('problem', problem);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(ConnectionBannerComponent);
  });

  it('shows nothing but an empty live region while connected', () => {
    show('connected');
    expect(host().querySelector('[aria-live="polite"]')).not.toBeNull();
    expect(host().textContent?.trim()).toBe('');
    expect(host().getAttribute('data-state')).toBe('connected');
  });

  it('counts down to the next attempt while reconnecting and offers to retry now', () => {
    show('reconnecting', 3);
    expect(host().querySelector('.countdown')?.textContent).toBe('Reconnecting in 3 s…');
    expect(host().querySelector('.message')?.textContent).toMatch(/^\s*Connection lost\. Reconnecting in 3 s…/);
    show('reconnecting', 0);
    expect(host().querySelector('.countdown')?.textContent).toBe('Reconnecting now…');
    show('reconnecting', null);
    expect(host().querySelector('.countdown')?.textContent).toBe('Reconnecting…');
    const retries: unknown[] = [];
    fixture.componentInstance.retry.subscribe(() => retries.push(true));
    (host().querySelector('button') as HTMLButtonElement).click();
    expect(retries).toHaveLength(1);
  });

  it('raises an alert with the reason and a retry button when disconnected', () => {
    show('disconnected', null, 'connection closed (1006)');
    const alert = host().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Disconnected.');
    expect(alert?.textContent).toContain('Last problem: connection closed (1006).');
    expect(host().querySelector('button')?.textContent?.trim()).toBe('Retry');
  });

  it('says it is connecting on the first attempt, without a button', () => {
    show('connecting');
    expect(host().querySelector('[role="status"]')?.textContent?.trim()).toBe('Connecting to the live feed…');
    expect(host().querySelector('button')).toBeNull();
  });
});
