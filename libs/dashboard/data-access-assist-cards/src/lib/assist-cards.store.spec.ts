import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { ASSIST_CARDS_BODY, validate, type AssistCard } from '@tnt/protocol';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ASSIST_CARDS_API_URL } from './assist-cards.client';
import { AssistCardsStore } from './assist-cards.store';

const REFUNDS: AssistCard = { id: 'refunds', title: 'Refunds', body: 'Within 30 days.', phrases: ['refund'] };

/**
 * A real HTTP server playing `/api/assist-cards` as the gateway documents it (a test peer, not the
 * gateway: the dashboard e2e uses the real one): bearer token checked, the body checked with the
 * protocol's schema, 400 `VALIDATION_FAILED` naming the field.
 */
async function startCardsPeer(accepts: (token: string) => boolean): Promise<{ server: Server; url: string; cards: () => AssistCard[] }> {
  let cards: AssistCard[] = [REFUNDS];
  const server = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'authorization, content-type');
    response.setHeader('access-control-allow-methods', 'GET, PUT');
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    if (!accepts((request.headers.authorization ?? '').replace(/^Bearer /, ''))) return reply(401, { code: 'UNAUTHORIZED', message: 'no' });
    if (request.method === 'GET') return reply(200, { cards });
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const checked = validate(ASSIST_CARDS_BODY, JSON.parse(text));
      if (!checked.ok) return reply(400, { code: 'VALIDATION_FAILED', message: checked.message });
      cards = checked.value.cards;
      reply(200, { cards });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/assist-cards`, cards: () => cards };
}

describe('AssistCardsStore against a real HTTP peer', () => {
  let auth: AuthTestPeer;
  let peer: Awaited<ReturnType<typeof startCardsPeer>>;
  let store: AssistCardsStore;

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    peer = await startCardsPeer((token) => auth.accepts(token));
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
    await new Promise((resolve) => peer.server.close(resolve));
    await auth.stop();
  });

  it('loads the cards in force and saves a new list', async () => {
    await store.load();
    expect(store.state()).toEqual({ status: 'ready', cards: [REFUNDS], saving: false });
    const tracking: AssistCard = { id: 'tracking', title: 'Tracking', body: 'Look it up.', phrases: ['parcel'] };
    expect(await store.save([REFUNDS, tracking])).toBe(true);
    expect(store.state().cards).toEqual([REFUNDS, tracking]);
    expect(peer.cards()).toEqual([REFUNDS, tracking]);
  });

  it('keeps the cards in force and names the card and field the server refused', async () => {
    await store.load();
    expect(await store.save([REFUNDS, { ...REFUNDS, id: 'other', title: '' }])).toBe(false);
    expect(store.state().cards).toEqual([REFUNDS]);
    expect(store.state().problem).toMatchObject({ index: 1, field: 'title', message: expect.stringMatching(/^cards\[1\]\.title must be/) });
    expect(peer.cards()).toEqual([REFUNDS]);
  });
});
