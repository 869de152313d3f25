import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AppComponent } from './app.component';
import { appConfig } from './app.config';

describe('AppComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: appConfig.providers });
  });

  it('shows the product name in the header with a link home', () => {
    const fixture = TestBed.createComponent(AppComponent);
    fixture.detectChanges();

    const brand = fixture.nativeElement.querySelector('header .brand') as HTMLAnchorElement;
    expect(brand.textContent?.trim()).toBe('TnT');
    expect(brand.getAttribute('href')).toBe('/');
  });

  it('renders the routed page below the header and marks the active nav link', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('main tnt-supervisor-board-placeholder h1')?.textContent?.trim()).toBe(
      'Supervisor board',
    );
    const activeLink = host.querySelector('nav a.active');
    expect(activeLink?.textContent?.trim()).toBe('Supervisor board');
    expect(activeLink?.getAttribute('aria-current')).toBe('page');
  });

  it('leaves the board link inactive while a call is open', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/calls/abc');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('main h1')?.textContent?.trim()).toBe('Call abc');
    expect(host.querySelector('nav a.active')).toBeNull();
  });
});
