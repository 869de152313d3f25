import type { IncomingMessage } from 'node:http';

/** The WebSocket subprotocol that announces a token in `Sec-WebSocket-Protocol: bearer, <jwt>`. */
export const BEARER_SUBPROTOCOL = 'bearer';

/** Where a credential was found, for logs (never the credential itself). */
export type CredentialSource = 'subprotocol' | 'authorization-header' | 'query' | 'x-api-key';

/** A credential found in a request. */
export interface ExtractedCredential {
  /** The token or key. A secret: never log it. */
  readonly value: string;
  readonly source: CredentialSource;
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The offered subprotocols of an upgrade, in order (the header may be repeated or comma-joined). */
export function offeredSubprotocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

function queryParameter(request: IncomingMessage, name: string): string | undefined {
  let value: string | null;
  try {
    // Only the query matters; the host is a placeholder so relative URLs parse.
    value = new URL(request.url ?? '/', 'http://localhost').searchParams.get(name);
  } catch {
    return undefined; // an unparsable request target carries no usable credential
  }
  return value === null || value === '' ? undefined : value;
}

/**
 * The bearer token of a UI-socket upgrade, looked for in this order:
 * 1. `Sec-WebSocket-Protocol: bearer, <jwt>` (browsers cannot set headers on a WebSocket; the
 *    server must then answer with the `bearer` subprotocol, see {@link selectSubprotocol});
 * 2. `Authorization: Bearer <jwt>` (non-browser clients);
 * 3. the `token` query parameter (works everywhere, but URLs end up in proxy logs).
 */
export function extractUpgradeToken(request: IncomingMessage): ExtractedCredential | undefined {
  const protocols = offeredSubprotocols(request);
  if (protocols.includes(BEARER_SUBPROTOCOL)) {
    const token = protocols.find((protocol) => protocol !== BEARER_SUBPROTOCOL);
    if (token !== undefined) return { value: token, source: 'subprotocol' };
  }
  const header = bearerTokenOf(request.headers.authorization);
  if (header !== undefined) return { value: header, source: 'authorization-header' };
  const query = queryParameter(request, 'token');
  return query === undefined ? undefined : { value: query, source: 'query' };
}

/**
 * The API key of an ingest upgrade: `X-API-Key` header, `Authorization: Bearer <key>`, or the
 * `apiKey` query parameter (for telephony platforms that can only configure a URL).
 */
export function extractIngestApiKey(request: IncomingMessage): ExtractedCredential | undefined {
  const header = request.headers['x-api-key'];
  const apiKeyHeader = Array.isArray(header) ? header[0] : header;
  if (apiKeyHeader !== undefined && apiKeyHeader !== '') return { value: apiKeyHeader, source: 'x-api-key' };
  const bearer = bearerTokenOf(request.headers.authorization);
  if (bearer !== undefined) return { value: bearer, source: 'authorization-header' };
  const query = queryParameter(request, 'apiKey');
  return query === undefined ? undefined : { value: query, source: 'query' };
}

/**
 * `handleProtocols` for the UI socket: answers `bearer` when the client offered it, so that the
 * browser accepts the connection and the token is never echoed back; otherwise no subprotocol.
 */
export function selectSubprotocol(protocols: ReadonlySet<string>): string | false {
  return protocols.has(BEARER_SUBPROTOCOL) ? BEARER_SUBPROTOCOL : false;
}
