import { canonicalOrigin, isOriginAllowed } from './origin-policy';

const none = { allowedOrigins: [] };

describe('isOriginAllowed', () => {
  it('allows the gateway’s own origin by comparing with the Host header', () => {
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', none)).toBe(true);
    expect(isOriginAllowed('https://tnt.example.com', 'tnt.example.com', none)).toBe(true);
    expect(isOriginAllowed('https://tnt.example.com', 'tnt.example.com:443', none)).toBe(true);
    expect(isOriginAllowed('HTTP://LOCALHOST:3000', 'localhost:3000', none)).toBe(true);
  });

  it('refuses other origins by default', () => {
    expect(isOriginAllowed('https://evil.example', 'tnt.example.com', none)).toBe(false);
    expect(isOriginAllowed('http://localhost:4200', 'localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('https://tnt.example.com.evil.example', 'tnt.example.com', none)).toBe(false);
  });

  it('refuses Origin: null and garbage', () => {
    expect(isOriginAllowed('null', 'localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('not a url', 'localhost:3000', none)).toBe(false);
    expect(isOriginAllowed('file:///etc/passwd', 'localhost:3000', none)).toBe(false);
  });

  it('allows listed origins exactly, with canonical comparison', () => {
    const policy = { allowedOrigins: ['http://localhost:4200', 'https://app.example.com:443'] };
    expect(isOriginAllowed('http://localhost:4200', 'localhost:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://app.example.com', 'gateway:3000', policy)).toBe(true);
    expect(isOriginAllowed('http://app.example.com', 'gateway:3000', policy)).toBe(false);
    expect(isOriginAllowed('http://localhost:4201', 'localhost:3000', policy)).toBe(false);
  });

  it('takes the public URL as the gateway’s own origin behind a proxy that rewrites Host', () => {
    const policy = { allowedOrigins: [], publicUrl: 'https://tnt.example.com/base' };
    expect(isOriginAllowed('https://tnt.example.com', '10.0.0.5:3000', policy)).toBe(true);
    expect(isOriginAllowed('https://other.example.com', '10.0.0.5:3000', policy)).toBe(false);
  });

  it('lets non-browser clients without an Origin through (they still need credentials)', () => {
    expect(isOriginAllowed(undefined, 'localhost:3000', none)).toBe(true);
  });

  it('refuses a spoofed, malformed Host rather than matching it', () => {
    expect(isOriginAllowed('http://a', 'a/evil', none)).toBe(false);
    expect(isOriginAllowed('http://a', undefined, none)).toBe(false);
  });
});

describe('canonicalOrigin', () => {
  it('maps WebSocket schemes to their web origins and drops default ports and paths', () => {
    expect(canonicalOrigin('wss://Tnt.Example.com:443/ws?x=1')).toBe('https://tnt.example.com');
    expect(canonicalOrigin('ws://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(canonicalOrigin('ftp://x')).toBeUndefined();
  });
});
