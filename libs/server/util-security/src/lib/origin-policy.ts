/** Which browser origins may use the API and the UI socket. */
export interface OriginPolicy {
  /** Extra origins (`https://app.example.com`) besides the gateway's own (TNT_ALLOWED_ORIGINS). */
  readonly allowedOrigins: readonly string[];
  /** The gateway's public URL when it sits behind a proxy (TNT_PUBLIC_URL); its origin is the gateway's own. */
  readonly publicUrl?: string;
}

const WEB_SCHEME_OF: Readonly<Record<string, string>> = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' };

/**
 * The canonical origin (`scheme://host[:port]`, lower case, default port dropped) of a URL or
 * origin; `ws:`/`wss:` map to `http:`/`https:`. Undefined when it is not an http(s)/ws(s) URL.
 */
export function canonicalOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL at all: it names no origin, which callers treat as "not allowed".
    return undefined;
  }
  const scheme = WEB_SCHEME_OF[url.protocol];
  if (!scheme || url.host === '') return undefined;
  return new URL(`${scheme}//${url.host}`).origin;
}

/** The `host[:port]` a Host header names, with the default port of `scheme` dropped; undefined when malformed. */
function canonicalHost(host: string, scheme: string): string | undefined {
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return undefined;
  try {
    return new URL(`${scheme}//${host}`).host;
  } catch {
    // A Host header that is no host: it cannot make a request same-origin.
    return undefined;
  }
}

/**
 * Decides whether a browser `Origin` may talk to this gateway:
 * - no `Origin` header: not a browser (curl, the simulator, Twilio), allowed here; it still needs credentials;
 * - `Origin: null` (sandboxed frames, `file:`) and anything unparsable: refused;
 * - the gateway's own origin: the Origin's host equals the request's `Host` (any scheme, since TLS
 *   may end at a proxy), or the origin of {@link OriginPolicy.publicUrl};
 * - any origin listed in {@link OriginPolicy.allowedOrigins}.
 */
export function isOriginAllowed(origin: string | undefined, requestHost: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const canonical = canonicalOrigin(origin);
  if (canonical === undefined) return false;
  if (policy.allowedOrigins.some((allowed) => canonicalOrigin(allowed) === canonical)) return true;
  if (policy.publicUrl !== undefined && canonicalOrigin(policy.publicUrl) === canonical) return true;
  const originUrl = new URL(canonical);
  return requestHost !== undefined && canonicalHost(requestHost, originUrl.protocol) === originUrl.host;
}
