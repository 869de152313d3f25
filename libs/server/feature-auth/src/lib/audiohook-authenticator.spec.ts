import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { AudioHookAuthenticator, type AudioHookAuthSettings } from './audiohook-authenticator';

// The example upgrade of the AudioHook protocol specification ("Establishing Connection").
const API_KEY = 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh';
const CLIENT_SECRET = 'TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=';
const ORGANIZATION = 'd7934305-0972-4844-938e-9060eef73d05';
const CREATED_MS = 1641013200_000;
const SPEC_HEADERS: Record<string, string> = {
  host: 'audiohook.example.com',
  'audiohook-organization-id': ORGANIZATION,
  'audiohook-correlation-id': 'e160e428-53e2-487c-977d-96989bf5c99d',
  'audiohook-session-id': '30b0e395-84d3-4570-ac13-9a62d8f514c0',
  'x-api-key': API_KEY,
  signature: 'sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:',
  'signature-input':
    'sig1=("@request-target" "@authority" "audiohook-organization-id" "audiohook-session-id" "audiohook-correlation-id" "x-api-key")' +
    ';keyid="SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";nonce="VGhpc0lzQVVuaXF1ZU5vbmNl";alg="hmac-sha256";created=1641013200;expires=3282026430',
};

function upgrade(headers: Record<string, string | undefined> = {}): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.url = '/api/v1/voicebiometrics/ws';
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
  it("accepts the specification's signed example upgrade", () => {
    expect(authenticator().authenticate(upgrade())).toEqual({ ok: true, method: 'audiohook-signature', source: 'x-api-key' });
  });

  it('refuses the same nonce a second time with 401, as a replay', () => {
    const checker = authenticator();
    expect(checker.authenticate(upgrade())).toMatchObject({ ok: true });
    expect(checker.authenticate(upgrade())).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('replayed') });
  });

  it.each([
    ['no X-API-KEY', { 'x-api-key': undefined }, 401, 'X-API-KEY'],
    ['an unknown key', { 'x-api-key': 'unknown-key-000000000000' }, 401, 'not valid'],
    ['a key with a secret but no signature', { signature: undefined, 'signature-input': undefined }, 401, 'unsigned'],
    ['a wrong signature', { signature: 'sig1=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:' }, 401, 'mismatch'],
    ['a session id that is not a UUID', { 'audiohook-session-id': 'session-1' }, 400, 'audiohook-session-id'],
    ['a missing correlation id', { 'audiohook-correlation-id': undefined }, 400, 'audiohook-correlation-id'],
    ['a signed plain key', { 'x-api-key': 'plain-ingest-key-000001' }, 401, 'no client secret'],
  ])('refuses %s', (_case, headers, status, message) => {
    const outcome = authenticator().authenticate(upgrade(headers));
    expect(outcome).toMatchObject({ ok: false, status, message: expect.stringContaining(message) });
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
  });

  it('refuses an expired created and an organization not allowed', () => {
    expect(authenticator({}, CREATED_MS + 120_000).authenticate(upgrade())).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringContaining('expired'),
    });
    const otherOrganization = authenticator({ organizationIds: ['11111111-2222-3333-4444-555555555555'] });
    expect(otherOrganization.authenticate(upgrade())).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
  });

  it('accepts a plain ingest key without a signature, for an integration configured without a client secret', () => {
    const plain = upgrade({ 'x-api-key': 'plain-ingest-key-000001', signature: undefined, 'signature-input': undefined });
    expect(authenticator().authenticate(plain)).toEqual({ ok: true, method: 'api-key', source: 'x-api-key' });
  });
});
