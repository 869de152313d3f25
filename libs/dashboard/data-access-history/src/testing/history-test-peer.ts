import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_CODES, type HistoryTranscript } from '@tnt/protocol';
import { listStoredCalls, PeerValidationError, renderStoredTranscript, transcriptFormatOf } from './history-test-search';

/** What the peer makes of a bearer token: accepted, expired, or refused. */
export type PeerTokenVerdict = 'valid' | 'expired' | 'rejected';

/** A request the peer received, for assertions. */
export interface ReceivedHistoryRequest {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization?: string;
}

const CONTENT_TYPES = { txt: 'text/plain; charset=utf-8', vtt: 'text/vtt; charset=utf-8', srt: 'application/x-subrip; charset=utf-8' };

/**
 * A real HTTP server on 127.0.0.1 playing the gateway's history API (`/api/calls`) over the
 * calls a spec gives it: bearer tokens checked by the spec's verdict, listing with filters,
 * search and cursor paging, one call's transcript and its exports, and the documented
 * `{code, message}` errors. It answers CORS preflights because the page under test (jsdom at
 * http://localhost) is another origin. It is a test peer, not the gateway; browser end-to-end
 * tests use the real gateway.
 */
export class HistoryTestPeer {
  /** Every request other than CORS preflights, oldest first. */
  readonly requests: ReceivedHistoryRequest[] = [];
  private readonly slowQueries = new Map<string, number>();
  private unavailable = false;
  private malformed: { readonly status: number; readonly body: unknown } | undefined;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    private readonly stored: HistoryTranscript[],
    private readonly verdict: (token: string) => PeerTokenVerdict,
  ) {
    server.on('request', (request, response) => this.answer(request, response));
  }

  /** Starts a peer on a free port holding `stored` (newest first) and judging tokens with `verdict`. */
  static async start(stored: HistoryTranscript[], verdict: (token: string) => PeerTokenVerdict): Promise<HistoryTestPeer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new HistoryTestPeer(server, stored, verdict);
  }

  /** The base URL of the API, for `HISTORY_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/calls`;
  }

  /** Stores another call as the newest. */
  store(call: HistoryTranscript): void {
    this.stored.unshift(call);
  }

  /** Answers listings searching for `text` only after `delayMs`. */
  slowDown(text: string, delayMs: number): void {
    this.slowQueries.set(text, delayMs);
  }

  /** Answers everything with 503 `HISTORY_UNAVAILABLE`, like a gateway on the memory store. */
  keepNoHistory(): void {
    this.unavailable = true;
  }

  /**
   * Answers every authorised request with `status` and `body` instead of the documented answer,
   * like a gateway of another version or a proxy in the way.
   */
  answerMalformed(body: unknown, status = 200): void {
    this.malformed = { status, body };
  }

  /** Stops listening (later requests find nobody); harmless when already stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'authorization');
    response.setHeader('Access-Control-Expose-Headers', 'Content-Disposition');
    if (request.method === 'OPTIONS') return this.reply(response, 204);
    const url = new URL(request.url ?? '/', 'http://peer');
    const authorization = request.headers.authorization;
    this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), ...(authorization ? { authorization } : {}) });
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const verdict = token === undefined ? 'rejected' : this.verdict(token);
    if (verdict === 'expired')
      return this.reply(response, 401, { code: ERROR_CODES.TOKEN_EXPIRED, message: 'the token has expired; log in again' });
    if (verdict === 'rejected') return this.reply(response, 401, { code: ERROR_CODES.UNAUTHORIZED, message: 'a valid token is required' });
    if (this.unavailable)
      return this.reply(response, 503, {
        code: ERROR_CODES.HISTORY_UNAVAILABLE,
        message: 'this gateway keeps no history (TNT_STORE=memory)',
      });
    if (this.malformed) return this.reply(response, this.malformed.status, this.malformed.body);
    const delay = this.slowQueries.get(url.searchParams.get('q') ?? '') ?? 0;
    setTimeout(() => this.route(request.method ?? '', url, response), delay);
  }

  private route(method: string, url: URL, response: ServerResponse): void {
    const [, api, calls, id, part, ...rest] = url.pathname.split('/');
    if (method !== 'GET' || api !== 'api' || calls !== 'calls' || rest.length > 0 || (part !== undefined && part !== 'transcript')) {
      // The gateway's HTTP filter answers an unknown route as VALIDATION_FAILED with Nest's 404.
      return this.reply(response, 404, { code: ERROR_CODES.VALIDATION_FAILED, message: `Cannot ${method} ${url.pathname}` });
    }
    try {
      if (id === undefined || id === '') return this.reply(response, 200, listStoredCalls(this.stored, url.searchParams));
      const callId = decodeURIComponent(id);
      const found = this.stored.find((stored) => stored.call.id === callId);
      if (!found) return this.reply(response, 404, { code: ERROR_CODES.CALL_NOT_FOUND, message: `call ${callId} is not in the history` });
      if (part === undefined) return this.reply(response, 200, found.call);
      const format = transcriptFormatOf(url.searchParams);
      if (format === 'json') return this.reply(response, 200, found);
      response.setHeader('Content-Disposition', `inline; filename="call-${callId}.${format}"`);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[format] });
      response.end(renderStoredTranscript(found, format));
    } catch (error) {
      if (error instanceof PeerValidationError)
        return this.reply(response, 400, { code: ERROR_CODES.VALIDATION_FAILED, message: error.message });
      console.error('HistoryTestPeer: could not answer', error);
      this.reply(response, 500, { code: ERROR_CODES.INTERNAL_ERROR, message: String(error) });
    }
  }

  private reply(response: ServerResponse, status: number, body?: unknown): void {
    response.statusCode = status;
    if (body !== undefined) response.setHeader('Content-Type', 'application/json');
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }
}
