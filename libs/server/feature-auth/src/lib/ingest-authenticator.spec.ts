import { computeTwilioSignature } from '@tnt/server/util-security';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { IngestAuthenticator } from './ingest-authenticator';

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.url = url;
  message.headers = { host: '10.0.0.5:3000', ...headers };
  return message;
}

const KEY = 'tnt_ingest_test-key-0000000000';
const TWILIO_TOKEN = 'twilio-auth-token-0123456789';

describe('IngestAuthenticator', () => {
  const withTwilio = new IngestAuthenticator({
    apiKeys: [KEY, 'second-key-00000000'],
    twilioAuthToken: TWILIO_TOKEN,
    publicUrl: 'https://tnt.example.com',
  });
  const keysOnly = new IngestAuthenticator({ apiKeys: [KEY] });

  it('accepts an L16 upgrade with a valid key in any of the three places', async () => {
    expect(await keysOnly.authenticate(request('/ingest/l16', { 'x-api-key': KEY }), 'l16')).toEqual({
      ok: true,
      method: 'api-key',
      source: 'x-api-key',
    });
    expect(await keysOnly.authenticate(request('/ingest/l16', { authorization: `Bearer ${KEY}` }), 'l16')).toMatchObject({ ok: true });
    expect(await keysOnly.authenticate(request(`/ingest/l16?apiKey=${KEY}`), 'l16')).toMatchObject({ ok: true, source: 'query' });
  });

  it('refuses a missing or wrong key with 401 UNAUTHORIZED and a message without the key', async () => {
    const missing = await keysOnly.authenticate(request('/ingest/l16'), 'l16');
    expect(missing).toMatchObject({ ok: false, status: 401, code: 'UNAUTHORIZED' });
    const wrong = await keysOnly.authenticate(request('/ingest/l16', { 'x-api-key': 'tnt_ingest_guess' }), 'l16');
    expect(wrong).toEqual({ ok: false, status: 401, code: 'UNAUTHORIZED', message: 'the API key is not valid' });
  });

  it('accepts a Twilio upgrade signed over the public wss URL with its query', async () => {
    const signature = computeTwilioSignature(TWILIO_TOKEN, 'wss://tnt.example.com/ingest/twilio?tenant=a');
    const outcome = await withTwilio.authenticate(request('/ingest/twilio?tenant=a', { 'x-twilio-signature': signature }), 'twilio');
    expect(outcome).toEqual({ ok: true, method: 'twilio-signature', source: 'x-twilio-signature' });
  });

  it('refuses a Twilio signature made for another URL or with another token, even next to a valid key', async () => {
    const otherUrl = computeTwilioSignature(TWILIO_TOKEN, 'wss://tnt.example.com/ingest/twilio?tenant=b');
    expect(
      await withTwilio.authenticate(request('/ingest/twilio?tenant=a', { 'x-twilio-signature': otherUrl, 'x-api-key': KEY }), 'twilio'),
    ).toEqual({
      ok: false,
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'the X-Twilio-Signature does not match',
    });
    const otherToken = computeTwilioSignature('another-twilio-token-000', 'wss://tnt.example.com/ingest/twilio');
    expect(await withTwilio.authenticate(request('/ingest/twilio', { 'x-twilio-signature': otherToken }), 'twilio')).toMatchObject({
      ok: false,
    });
  });

  it('lets tools without Twilio’s token use an API key on /ingest/twilio', async () => {
    expect(await withTwilio.authenticate(request('/ingest/twilio', { 'x-api-key': KEY }), 'twilio')).toMatchObject({
      ok: true,
      method: 'api-key',
    });
    expect(await withTwilio.authenticate(request('/ingest/twilio'), 'twilio')).toMatchObject({
      ok: false,
      message: expect.stringContaining('or a valid X-Twilio-Signature'),
    });
  });

  it('ignores a signature when no Twilio token is configured, so it cannot replace a key', async () => {
    const signature = computeTwilioSignature('whatever-token-00000', 'wss://10.0.0.5:3000/ingest/twilio');
    expect(await keysOnly.authenticate(request('/ingest/twilio', { 'x-twilio-signature': signature }), 'twilio')).toMatchObject({
      ok: false,
    });
  });

  it('checks the signature against the Host header when no public URL is configured', async () => {
    const local = new IngestAuthenticator({ apiKeys: [KEY], twilioAuthToken: TWILIO_TOKEN });
    const signature = computeTwilioSignature(TWILIO_TOKEN, 'wss://10.0.0.5:3000/ingest/twilio');
    expect(await local.authenticate(request('/ingest/twilio', { 'x-twilio-signature': signature }), 'twilio')).toMatchObject({ ok: true });
  });

  it('never lets a Twilio signature open the L16 endpoint', async () => {
    const signature = computeTwilioSignature(TWILIO_TOKEN, 'wss://tnt.example.com/ingest/l16');
    expect(await withTwilio.authenticate(request('/ingest/l16', { 'x-twilio-signature': signature }), 'l16')).toMatchObject({ ok: false });
  });
});
