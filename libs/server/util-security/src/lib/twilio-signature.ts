import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Twilio signs its requests (webhooks and Media Streams upgrades) with. */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

const SOCKET_SCHEMES: Readonly<Record<string, string>> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'ws:': '80', 'https:': '443', 'wss:': '443' };

/**
 * Twilio's request signature: base64 of HMAC-SHA1, keyed with the account's auth token, over
 * the full URL Twilio requested followed by each POST parameter name and value in name order.
 * A Media Streams WebSocket upgrade is a GET with no parameters, so it signs the `wss://` URL alone.
 */
export function computeTwilioSignature(authToken: string, url: string, postParameters: Readonly<Record<string, string>> = {}): string {
  const signed = Object.keys(postParameters)
    .sort()
    .reduce((text, name) => text + name + postParameters[name], url);
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/**
 * The spellings of `url` Twilio may have signed: as given, and with the scheme's default port
 * written out or left out (Twilio's own validators accept both, as proxies differ in what they keep).
 */
function urlVariants(url: string): string[] {
  const match = /^([a-z]+:)\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (!defaultPort) return [url];
  const withoutPort = authority.endsWith(`:${defaultPort}`) ? authority.slice(0, -defaultPort.length - 1) : authority;
  const hasOtherPort = /:\d+$/.test(withoutPort) && !withoutPort.endsWith(']');
  const variants = new Set([url, `${scheme}//${withoutPort}${rest}`]);
  if (!hasOtherPort) variants.add(`${scheme}//${withoutPort}:${defaultPort}${rest}`);
  return [...variants];
}

/**
 * True when `signature` (the `X-Twilio-Signature` header) was made with `authToken` over `url`
 * (and the POST parameters, none for a WebSocket upgrade). Compared in constant time.
 */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  postParameters: Readonly<Record<string, string>> = {},
): boolean {
  if (signature === undefined || signature === '') return false;
  const presented = Buffer.from(signature, 'base64');
  let valid = false;
  for (const variant of urlVariants(url)) {
    const expected = Buffer.from(computeTwilioSignature(authToken, variant, postParameters), 'base64');
    if (presented.length === expected.length && timingSafeEqual(presented, expected)) valid = true;
  }
  return valid;
}

/**
 * The URL Twilio connected to for a request that reached this server as `requestUrl` (path and
 * query, e.g. `/ingest/twilio?x=1`): the configured public URL (its path prefix kept, `https:`
 * turned into `wss:` and `http:` into `ws:`) plus `requestUrl`. Behind a proxy the Host and scheme this server sees are
 * not the ones Twilio signed, so the public URL must be configured (TNT_PUBLIC_URL).
 */
export function twilioStreamUrl(publicUrl: string, requestUrl: string): string {
  const base = new URL(publicUrl);
  const scheme = SOCKET_SCHEMES[base.protocol] ?? base.protocol;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${scheme}//${base.host}${prefix}${requestUrl.startsWith('/') ? requestUrl : `/${requestUrl}`}`;
}
