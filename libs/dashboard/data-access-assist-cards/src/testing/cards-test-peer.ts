import { ASSIST_CARDS_UPDATE, validate, type AssistCard } from '@tnt/protocol';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running cards peer: its URL (for `ASSIST_CARDS_API_URL`), the cards it holds, and how to stop it. */
export interface CardsTestPeer {
  readonly url: string;
  cards(): AssistCard[];
  /** The version of the cards it holds (1 at start). */
  version(): number;
  /** Stores `cards` as another supervisor's save would (one version more), so the page's next save conflicts. */
  saveElsewhere(cards: AssistCard[]): void;
  stop(): Promise<void>;
}

/**
 * A real HTTP server playing `/api/assist-cards` as the gateway documents it (a test peer, not the
 * gateway: the dashboard e2e uses the real one): bearer token checked, the body checked with the
 * protocol's schema, 400 `VALIDATION_FAILED` naming the field, 409 `SETTINGS_VERSION_CONFLICT` for
 * a save over a version that is not the one held.
 */
export async function startCardsPeer(initial: AssistCard[], accepts: (token: string) => boolean): Promise<CardsTestPeer> {
  let cards = initial;
  let version = 1;
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
    if (request.method === 'GET') return reply(200, { cards, version });
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const checked = validate(ASSIST_CARDS_UPDATE, JSON.parse(text));
      if (!checked.ok) return reply(400, { code: 'VALIDATION_FAILED', message: checked.message });
      if (checked.value.version !== undefined && checked.value.version !== version)
        return reply(409, {
          code: 'SETTINGS_VERSION_CONFLICT',
          message: `the assist cards were saved by someone else since version ${checked.value.version} (now version ${version})`,
        });
      cards = checked.value.cards;
      version += 1;
      reply(200, { cards, version });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/assist-cards`,
    cards: () => cards,
    version: () => version,
    saveElsewhere: (next) => {
      cards = next;
      version += 1;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
