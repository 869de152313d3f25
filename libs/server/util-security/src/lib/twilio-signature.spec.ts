import { computeTwilioSignature, isValidTwilioSignature, twilioStreamUrl } from './twilio-signature';

// Twilio's published examples (its webhook-security page and twilio-node's own tests): the only
// fixtures here not produced by this implementation, so they catch a self-consistent mistake.
const PUBLISHED_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const publishedParameters = (caller: string) => ({
  CallSid: 'CA1234567890ABCDE',
  Caller: caller,
  Digits: '1234',
  From: caller,
  To: '+18005551212',
});

describe('Twilio request signatures', () => {
  it.each([
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
    ['+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
  ])('reproduces the published signature for caller %s', (caller, expected) => {
    expect(computeTwilioSignature('12345', PUBLISHED_URL, publishedParameters(caller))).toBe(expected);
    expect(isValidTwilioSignature('12345', expected, PUBLISHED_URL, publishedParameters(caller))).toBe(true);
  });

  it('signs a Media Streams upgrade over the wss URL alone', () => {
    const url = 'wss://tnt.example.com/ingest/twilio';
    const signature = computeTwilioSignature('token-abc', url);
    expect(isValidTwilioSignature('token-abc', signature, url)).toBe(true);
    expect(isValidTwilioSignature('token-abc', signature, 'wss://tnt.example.com/ingest/l16')).toBe(false);
    expect(isValidTwilioSignature('token-abd', signature, url)).toBe(false);
  });

  it('accepts the URL with or without the default port, as Twilio validators do', () => {
    const signedWithPort = computeTwilioSignature('t0ken', 'wss://tnt.example.com:443/ingest/twilio');
    expect(isValidTwilioSignature('t0ken', signedWithPort, 'wss://tnt.example.com/ingest/twilio')).toBe(true);
    const signedWithout = computeTwilioSignature('t0ken', 'wss://tnt.example.com/ingest/twilio?a=1');
    expect(isValidTwilioSignature('t0ken', signedWithout, 'wss://tnt.example.com:443/ingest/twilio?a=1')).toBe(true);
    expect(isValidTwilioSignature('t0ken', signedWithout, 'wss://tnt.example.com:8443/ingest/twilio?a=1')).toBe(false);
  });

  it('refuses a missing, empty, tampered or truncated signature', () => {
    const url = 'wss://h/ingest/twilio';
    const good = computeTwilioSignature('k', url);
    expect(isValidTwilioSignature('k', undefined, url)).toBe(false);
    expect(isValidTwilioSignature('k', '', url)).toBe(false);
    expect(isValidTwilioSignature('k', `${good.slice(0, -2)}A=`, url)).toBe(false);
    expect(isValidTwilioSignature('k', good.slice(0, 10), url)).toBe(false);
  });

  it('rebuilds the URL Twilio used from the public URL, its path prefix and the request path', () => {
    expect(twilioStreamUrl('https://tnt.example.com', '/ingest/twilio?tenant=a')).toBe('wss://tnt.example.com/ingest/twilio?tenant=a');
    expect(twilioStreamUrl('https://proxy.example.com/tnt/', '/ingest/twilio')).toBe('wss://proxy.example.com/tnt/ingest/twilio');
    expect(twilioStreamUrl('http://127.0.0.1:3000', '/ingest/twilio')).toBe('ws://127.0.0.1:3000/ingest/twilio');
    expect(twilioStreamUrl('wss://tnt.example.com:8443', '/ingest/twilio')).toBe('wss://tnt.example.com:8443/ingest/twilio');
  });
});
