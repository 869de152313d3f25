import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { bearerTokenOf, extractIngestApiKey, extractUpgradeToken, selectSubprotocol } from './credential-extraction';

function request(url: string, headers: Record<string, string | string[]> = {}): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.url = url;
  message.headers = headers;
  return message;
}

describe('extractUpgradeToken', () => {
  it('takes the token offered next to the bearer subprotocol, in either order', () => {
    expect(extractUpgradeToken(request('/ws', { 'sec-websocket-protocol': 'bearer, eyJ.a.b' }))).toEqual({
      value: 'eyJ.a.b',
      source: 'subprotocol',
    });
    expect(extractUpgradeToken(request('/ws', { 'sec-websocket-protocol': 'eyJ.a.b,bearer' }))).toEqual({
      value: 'eyJ.a.b',
      source: 'subprotocol',
    });
  });

  it('falls back to Authorization: Bearer, then to ?token=', () => {
    expect(extractUpgradeToken(request('/ws', { authorization: 'Bearer eyJ.h.h' }))).toEqual({
      value: 'eyJ.h.h',
      source: 'authorization-header',
    });
    expect(extractUpgradeToken(request('/ws?callId=1&token=eyJ.q.q'))).toEqual({ value: 'eyJ.q.q', source: 'query' });
  });

  it('finds nothing in subprotocols without bearer, an empty query token or another auth scheme', () => {
    expect(extractUpgradeToken(request('/ws', { 'sec-websocket-protocol': 'tnt.v1, eyJ.a.b' }))).toBeUndefined();
    expect(extractUpgradeToken(request('/ws?token='))).toBeUndefined();
    expect(extractUpgradeToken(request('/ws', { authorization: 'Basic YTpi' }))).toBeUndefined();
    expect(extractUpgradeToken(request('/ws', { 'sec-websocket-protocol': 'bearer' }))).toBeUndefined();
  });
});

describe('extractIngestApiKey', () => {
  it('reads X-API-Key, then Authorization: Bearer, then ?apiKey=', () => {
    expect(extractIngestApiKey(request('/ingest/l16', { 'x-api-key': 'k1' }))).toEqual({ value: 'k1', source: 'x-api-key' });
    expect(extractIngestApiKey(request('/ingest/l16', { authorization: 'bearer k2' }))).toEqual({
      value: 'k2',
      source: 'authorization-header',
    });
    expect(extractIngestApiKey(request('/ingest/l16?apiKey=k3'))).toEqual({ value: 'k3', source: 'query' });
    expect(extractIngestApiKey(request('/ingest/l16'))).toBeUndefined();
  });
});

describe('bearerTokenOf and selectSubprotocol', () => {
  it('parses only well-formed bearer headers', () => {
    expect(bearerTokenOf('Bearer abc')).toBe('abc');
    expect(bearerTokenOf('Bearer abc def')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
  });

  it('answers bearer, never the token, and nothing when bearer was not offered', () => {
    expect(selectSubprotocol(new Set(['eyJ.a.b', 'bearer']))).toBe('bearer');
    expect(selectSubprotocol(new Set(['tnt.v1']))).toBe(false);
  });
});
