import { provideHttpClient } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { ASSIST_CARDS_API_URL } from '@tnt/dashboard/data-access-assist-cards';
import { startCardsPeer, type CardsTestPeer } from '@tnt/dashboard/data-access-assist-cards/testing';
import type { AssistCard } from '@tnt/protocol';
import { AssistCardsPageComponent } from './assist-cards-page.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

const REFUNDS: AssistCard = { id: 'refunds', title: 'Refunds', body: 'Within 30 days.', link: '/kb/refunds', phrases: ['refund'] };

describe('AssistCardsPageComponent against a real HTTP peer', () => {
  let auth: AuthTestPeer;
  let peer: CardsTestPeer;
  let fixture: ComponentFixture<AssistCardsPageComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const settle = (check: () => boolean) => eventually(() => (fixture.detectChanges(), check()), '(fixture.detectChanges(), check())');
  const titles = () => [...host().querySelectorAll('.card h2')].map((title) => title.textContent?.trim());
  const button = (text: string) =>
    [...host().querySelectorAll('button')].find((each) => each.textContent?.trim() === text) as HTMLButtonElement;
  function type(name: string, value: string): void {
    const field = host().querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLTextAreaElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    peer = await startCardsPeer([REFUNDS], (token) => auth.accepts(token));
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideAuth({ apiUrl: auth.apiUrl }), { provide: ASSIST_CARDS_API_URL, useValue: peer.url }],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    fixture = TestBed.createComponent(AssistCardsPageComponent);
    await settle(() => titles().length === 1);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
    await auth.stop();
  });

  it('lists the cards with their phrases and link', () => {
    expect(titles()).toEqual(['Refunds']);
    expect(host().querySelector('.card .meta')?.textContent?.replace(/\s+/g, ' ')).toContain('when the caller says refund');
    expect(host().querySelector('.card a')?.getAttribute('href')).toBe('/kb/refunds');
  });

  it('adds a card, showing the field the server refused next to it until it is fixed', async () => {
    button('Add card').click();
    fixture.detectChanges();
    type('id', 'tracking');
    type('body', 'Look the parcel up.');
    type('phrases', 'parcel\nhas not arrived');
    button('Save card').click();
    await settle(() => host().querySelector('.field-problem') !== null);
    expect(host().querySelector('.field-problem')?.getAttribute('data-field')).toBe('title');
    expect(host().querySelector('[name="title"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(peer.cards()).toEqual([REFUNDS]);

    type('title', 'Tracking');
    button('Save card').click();
    await settle(() => titles().length === 2);
    expect(host().querySelector('.editor')).toBeNull();
    expect(peer.cards()[1]).toEqual({
      id: 'tracking',
      title: 'Tracking',
      body: 'Look the parcel up.',
      phrases: ['parcel', 'has not arrived'],
    });
  });

  it('edits and removes a card', async () => {
    (host().querySelector('[aria-label="Edit Refunds"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect((host().querySelector('[name="phrases"]') as HTMLTextAreaElement).value).toBe('refund');
    type('title', 'Refund policy');
    button('Save card').click();
    await settle(() => titles()[0] === 'Refund policy');
    expect(peer.cards()[0].title).toBe('Refund policy');

    (host().querySelector('[aria-label="Remove Refund policy"]') as HTMLButtonElement).click();
    await settle(() => titles().length === 0);
    expect(peer.cards()).toEqual([]);
  });

  it('says when someone else saved the cards first, keeps the form, and loads their cards on request', async () => {
    const theirs: AssistCard = { id: 'tracking', title: 'Tracking', body: 'Look the parcel up.', phrases: ['parcel'] };
    peer.saveElsewhere([REFUNDS, theirs]);
    (host().querySelector('[aria-label="Edit Refunds"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    type('title', 'Refund policy');
    button('Save card').click();
    await settle(() => host().querySelector('[data-role="conflict"]') !== null);
    expect(host().querySelector('[data-role="conflict"]')?.textContent).toContain('Someone else saved the cards first.');
    expect(host().querySelector('.editor')).not.toBeNull();
    expect(peer.cards()).toEqual([REFUNDS, theirs]);

    button('Load their cards').click();
    await settle(() => titles().length === 2);
    expect(titles()).toEqual(['Refunds', 'Tracking']);
    expect(host().querySelector('[data-role="conflict"]')).toBeNull();
    expect(host().querySelector('.editor')).toBeNull();

    (host().querySelector('[aria-label="Edit Refunds"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    type('title', 'Refund policy');
    button('Save card').click();
    await settle(() => titles()[0] === 'Refund policy');
    expect(peer.version()).toBe(3);
  });
});
