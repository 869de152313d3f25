import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import type { AssistCard } from '@tnt/protocol';
import { startCardsPeer, type CardsTestPeer } from '../testing';
import { ASSIST_CARDS_API_URL } from './assist-cards.client';
import { AssistCardsStore } from './assist-cards.store';

const REFUNDS: AssistCard = { id: 'refunds', title: 'Refunds', body: 'Within 30 days.', phrases: ['refund'] };

describe('AssistCardsStore against a real HTTP peer', () => {
  let auth: AuthTestPeer;
  let peer: CardsTestPeer;
  let store: AssistCardsStore;

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    peer = await startCardsPeer([REFUNDS], (token) => auth.accepts(token));
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideAuth({ apiUrl: auth.apiUrl }),
        { provide: ASSIST_CARDS_API_URL, useValue: peer.url },
        AssistCardsStore,
      ],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    store = TestBed.inject(AssistCardsStore);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
    await auth.stop();
  });

  it('loads the cards in force and saves a new list', async () => {
    await store.load();
    expect(store.state()).toEqual({ status: 'ready', cards: [REFUNDS], version: 1, saving: false });
    const tracking: AssistCard = { id: 'tracking', title: 'Tracking', body: 'Look it up.', phrases: ['parcel'] };
    expect(await store.save([REFUNDS, tracking])).toBe(true);
    expect(store.state().cards).toEqual([REFUNDS, tracking]);
    expect(store.state().version).toBe(2);
    expect(peer.cards()).toEqual([REFUNDS, tracking]);
  });

  it('refuses to save over cards someone else saved since, keeping theirs until it loads them', async () => {
    await store.load();
    const other: AssistCard = { id: 'other', title: 'Other', body: 'Saved elsewhere.', phrases: ['other'] };
    peer.saveElsewhere([other]);
    expect(await store.save([])).toBe(false);
    expect(store.state()).toMatchObject({ cards: [REFUNDS], version: 1, conflict: expect.stringMatching(/now version 2/) });
    expect(peer.cards()).toEqual([other]);

    await store.load();
    expect(store.state()).toEqual({ status: 'ready', cards: [other], version: 2, saving: false });
  });

  it('keeps the cards in force and names the card and field the server refused', async () => {
    await store.load();
    expect(await store.save([REFUNDS, { ...REFUNDS, id: 'other', title: '' }])).toBe(false);
    expect(store.state().cards).toEqual([REFUNDS]);
    expect(store.state().problem).toMatchObject({ index: 1, field: 'title', message: expect.stringMatching(/^cards\[1\]\.title must be/) });
    expect(peer.cards()).toEqual([REFUNDS]);
  });
});
