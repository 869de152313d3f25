import { MemoryNonceStore, type NonceStore } from '@tnt/shared/util-audiohook';
import { SPECIFICATION_EXAMPLE } from '@tnt/shared/util-audiohook/testing';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { AudioHookAuthenticator, type AudioHookAuthSettings } from './audiohook-authenticator';

const { apiKey: API_KEY, clientSecret: CLIENT_SECRET } = SPECIFICATION_EXAMPLE;
const CREATED_MS = SPECIFICATION_EXAMPLE.createdSeconds * 1000;
const SPEC_HEADERS: Record<string, string> = { host: SPECIFICATION_EXAMPLE.authority, ...SPECIFICATION_EXAMPLE.headers };

function upgrade(headers: Record<string, string | undefined> = {}): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.url = SPECIFICATION_EXAMPLE.target;
  message.headers = Object.fromEntries(Object.entries({ ...SPEC_HEADERS, ...headers }).filter(([, value]) => value !== undefined));
  return message;
}

function authenticator(overrides: Partial<AudioHookAuthSettings> = {}, nowMs = CREATED_MS + 1000): AudioHookAuthenticator {
  return new AudioHookAuthenticator({
    credentials: [{ apiKey: API_KEY, clientSecret: CLIENT_SECRET }],
    apiKeys: ['plain-ingest-key-000001'],
    organizationIds: [],
    maxSignatureAgeSeconds: 60,
    now: () => nowMs,
    ...overrides,
  });
}

describe('AudioHookAuthenticator', () => {
  it("accepts the specification's signed example upgrade", async () => {
    expect(await authenticator().authenticate(upgrade())).toEqual({ ok: true, method: 'audiohook-signature', source: 'x-api-key' });
  });

  it('refuses the same nonce a second time with 401, as a replay', async () => {
    const checker = authenticator();
    expect(await checker.authenticate(upgrade())).toMatchObject({ ok: true });
    expect(await checker.authenticate(upgrade())).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('replayed') });
  });

  it.each([
    ['no X-API-KEY', { 'x-api-key': undefined }, 401, 'X-API-KEY'],
    ['an unknown key', { 'x-api-key': 'unknown-key-000000000000' }, 401, 'not valid'],
    ['a key with a secret but no signature', { signature: undefined, 'signature-input': undefined }, 401, 'unsigned'],
    ['a wrong signature', { signature: 'sig1=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:' }, 401, 'mismatch'],
    ['a session id that is not a UUID', { 'audiohook-session-id': 'session-1' }, 400, 'audiohook-session-id'],
    ['a missing correlation id', { 'audiohook-correlation-id': undefined }, 400, 'audiohook-correlation-id'],
    ['a signed plain key', { 'x-api-key': 'plain-ingest-key-000001' }, 401, 'no client secret'],
  ])('refuses %s', async (_case, headers, status, message) => {
    const outcome = await authenticator().authenticate(upgrade(headers));
    expect(outcome).toMatchObject({ ok: false, status, message: expect.stringContaining(message) });
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
  });

  it('refuses an expired created and an organization not allowed', async () => {
    expect(await authenticator({}, CREATED_MS + 120_000).authenticate(upgrade())).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringContaining('expired'),
    });
    const otherOrganization = authenticator({ organizationIds: ['11111111-2222-3333-4444-555555555555'] });
    expect(await otherOrganization.authenticate(upgrade())).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
  });

  it('accepts a plain ingest key without a signature, for an integration configured without a client secret', async () => {
    const plain = upgrade({ 'x-api-key': 'plain-ingest-key-000001', signature: undefined, 'signature-input': undefined });
    expect(await authenticator().authenticate(plain)).toEqual({ ok: true, method: 'api-key', source: 'x-api-key' });
  });
  it('refuses a nonce another authenticator sharing the store accepted, as instances of a cluster share Redis', async () => {
    const shared = new MemoryNonceStore(() => CREATED_MS + 1000);
    expect(await authenticator({ nonces: shared }).authenticate(upgrade())).toMatchObject({ ok: true });
    expect(await authenticator({ nonces: shared }).authenticate(upgrade())).toMatchObject({ ok: false, status: 401 });
    // Without the shared store, each one remembers only its own.
    expect(await authenticator().authenticate(upgrade())).toMatchObject({ ok: true });
  });

  it('remembers only the nonce of a signature that verified, until the signature could no longer be accepted', async () => {
    const remembered: [string, string, number][] = [];
    const recording: NonceStore = {
      remember: (keyId, nonce, untilMs) => {
        remembered.push([keyId, nonce, untilMs]);
        return Promise.resolve(true);
      },
    };
    await authenticator({ nonces: recording }).authenticate(upgrade({ signature: 'sig1=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:' }));
    expect(remembered).toEqual([]);
    await authenticator({ nonces: recording }).authenticate(upgrade());
    expect(remembered).toHaveLength(1);
    expect(remembered[0][0]).toBe(API_KEY);
    // created + the 60 s maximum age + the clock skew.
    expect(remembered[0][2]).toBeGreaterThan(CREATED_MS + 60_000);
  });

  it('refuses with 503 AUTH_UNAVAILABLE, never accepts, when the nonce store cannot be reached', async () => {
    const unreachable: NonceStore = { remember: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) };
    expect(await authenticator({ nonces: unreachable }).authenticate(upgrade())).toMatchObject({
      ok: false,
      status: 503,
      code: 'AUTH_UNAVAILABLE',
      message: expect.stringContaining('retry later'),
    });
  });
});
