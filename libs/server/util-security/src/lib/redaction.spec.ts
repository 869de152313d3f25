import { REDACTED, redactSecrets, sanitizeForLog, SecretRedactor } from './redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEiLCJyb2xlIjoiYWdlbnQifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redactSecrets', () => {
  it.each([
    ['a JWT anywhere', `upgrade with ${JWT} refused`, 'upgrade with [redacted] refused'],
    ['a generated ingest key', 'key tnt_ingest_Qk9PTSBTZWNyZXQgS2V5IQ used', 'key [redacted] used'],
    ['bearer credentials', 'Authorization: Bearer abc.def-ghi', 'Authorization: [redacted]'],
    ['a bearer scheme inline', 'sent Bearer s3cr3t-t0ken', 'sent Bearer [redacted]'],
    ['a token query parameter', 'GET /ws?callId=1&token=abc123&x=2', 'GET /ws?callId=1&token=[redacted]&x=2'],
    ['an apiKey query parameter', '/ingest/l16?apiKey=k3y', '/ingest/l16?apiKey=[redacted]'],
    ['a JSON password', '{"username":"ana","password":"p\\"w d"}', '{"username":"ana","password":"[redacted]"}'],
    ['an api key header line', 'headers: {x-api-key: tnt_ingest_zzz}', 'headers: {x-api-key: [redacted]'],
    ['the WebSocket subprotocol header', 'sec-websocket-protocol: bearer, abc', 'sec-websocket-protocol: [redacted]'],
  ])('removes %s', (_what, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves ordinary log lines alone', () => {
    const line = 'connection 4f2 opened from 127.0.0.1; subscribed to call CA123 (token expired: no)';
    expect(redactSecrets(line)).toBe(line);
  });
});

describe('SecretRedactor', () => {
  it('removes configured secrets verbatim wherever they appear', () => {
    const redactor = new SecretRedactor(['tnt_ingest_Qk9PTSBTZWNyZXQ', 'twilio-auth-token-value']);
    expect(redactor.redact('bad key tnt_ingest_Qk9PTSBTZWNyZXQ from 10.0.0.1')).toBe(`bad key ${REDACTED} from 10.0.0.1`);
    expect(redactor.redact('hmac(twilio-auth-token-value)')).toBe(`hmac(${REDACTED})`);
  });

  it('ignores configured secrets too short to be told from ordinary words', () => {
    expect(new SecretRedactor(['call']).redact('call ended')).toBe('call ended');
  });
});

describe('sanitizeForLog', () => {
  it('neutralises line breaks and control characters so no log line can be forged', () => {
    expect(sanitizeForLog('ana\n2025-01-01 LOG admin logged in\u001b[31m')).toBe('ana?2025-01-01 LOG admin logged in?[31m');
    expect(sanitizeForLog('a\u2028b')).toBe('a?b');
  });

  it('cuts long input', () => {
    expect(sanitizeForLog('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
