import { ATTACK_LIMITS, type AttackTokenKind } from './attack-target';

/** What an attack case sends. */
export type AttackRequest =
  /** A WebSocket upgrade; `token` goes where `via` says (default the `bearer` subprotocol). */
  | {
      readonly kind: 'upgrade';
      readonly path: string;
      readonly token?: AttackTokenKind;
      readonly via?: 'subprotocol' | 'query' | 'header';
      readonly protocols?: readonly string[];
      readonly headers?: Readonly<Record<string, string>>;
      readonly apiKey?: 'valid' | 'wrong';
      readonly twilioSignature?: 'valid' | 'for-another-url';
    }
  /** Opens `count` UI sockets with one user's token; observes the last. */
  | { readonly kind: 'connections'; readonly token: AttackTokenKind; readonly count: number }
  /** Opens a UI socket and sends text frames (`$CALL_OF:<agentId>` is replaced by a live call of that agent) and/or `repeat` copies. */
  | {
      readonly kind: 'session';
      readonly token: AttackTokenKind;
      readonly frames: readonly string[];
      readonly repeat?: number;
      readonly waitMs: number;
    }
  /** Opens `/ingest/l16` with the valid key and sends one binary frame of `bytes`. */
  | { readonly kind: 'ingest-frame'; readonly bytes: number }
  /** A plain HTTP request. */
  | {
      readonly kind: 'http';
      readonly method: 'GET' | 'POST' | 'OPTIONS';
      readonly path: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
      readonly bearer?: AttackTokenKind;
    }
  /** `attempts` wrong logins in a row for one username. */
  | { readonly kind: 'login-flood'; readonly attempts: number }
  /** A TCP connection that never sends a byte. */
  | { readonly kind: 'silent-tcp' };

/** What the runner observed; a case's `expected` is matched against it with `toMatchObject`. */
export interface AttackObservation {
  /** HTTP status; 101 for an upgrade that opened. */
  status?: number;
  /** `code` of the JSON error body, or of the first `error` message on the socket. */
  code?: string;
  /** Every `error` code the socket received, in order. */
  codes?: string[];
  /** The subprotocol the server chose ('' for none). */
  protocol?: string;
  /** Close code of the socket, when the server closed it. */
  closeCode?: number;
  /** True when the socket was still open at the end. */
  open?: boolean;
  /** Agent ids of the calls listed by `subscribed` for `'*'`. */
  visibleAgents?: string[];
  /** Response headers (lower-case names). */
  headers?: Record<string, string>;
  /** The value of the CSP's script-src directive. */
  cspScriptSrc?: string;
  /** True when the server ended a silent connection within twice the headers timeout. */
  closedInTime?: boolean;
  /** True when an answer body contains something like a stack trace or a file path. */
  leaksInternals?: boolean;
  /** Statuses seen over a flood, deduplicated in order of first appearance. */
  statuses?: number[];
}

/** One row of the attack table. */
export interface AttackCase {
  readonly name: string;
  readonly request: AttackRequest;
  readonly expected: AttackObservation;
}

const ws = '/ws';
const nested = (depth: number) => `{"type":"subscribe","callId":"*","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/**
 * The security e2e table (issue 6): run in order against one gateway started with
 * `prepareAttackTarget(dataDir).env`. Every refusal must happen before a WebSocket opens (HTTP
 * status on the upgrade) or as a stable `error` code / close code on an open socket.
 */
export const ATTACK_CASES: readonly AttackCase[] = [
  // UI socket upgrades
  { name: 'upgrade without any token is refused', request: { kind: 'upgrade', path: ws }, expected: { status: 401, code: 'UNAUTHORIZED' } },
  {
    name: 'a token that is not a JWT is refused',
    request: { kind: 'upgrade', path: ws, token: 'garbage', via: 'query' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'a token with a forged signature is refused',
    request: { kind: 'upgrade', path: ws, token: 'forged-signature' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'an agent token edited to say supervisor is refused',
    request: { kind: 'upgrade', path: ws, token: 'promoted-payload' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'an unsigned (alg none) token is refused',
    request: { kind: 'upgrade', path: ws, token: 'unsigned', via: 'query' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'a token signed with another secret is refused',
    request: { kind: 'upgrade', path: ws, token: 'other-secret' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'an expired token is refused as expired',
    request: { kind: 'upgrade', path: ws, token: 'expired' },
    expected: { status: 401, code: 'TOKEN_EXPIRED' },
  },
  {
    name: 'the token of a removed user is refused',
    request: { kind: 'upgrade', path: ws, token: 'removed-user' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'an RS256 token is refused when no identity provider is configured',
    request: { kind: 'upgrade', path: ws, token: 'foreign-rs256' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'a 9 KB token is refused without parsing',
    request: { kind: 'upgrade', path: ws, token: 'oversized', via: 'query' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'the bearer subprotocol without a token is refused',
    request: { kind: 'upgrade', path: ws, protocols: ['bearer'] },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'a page from another origin is refused even with a valid token',
    request: { kind: 'upgrade', path: ws, token: 'supervisor', headers: { origin: 'https://evil.example' } },
    expected: { status: 403, code: 'ORIGIN_NOT_ALLOWED' },
  },
  {
    name: 'Origin: null is refused',
    request: { kind: 'upgrade', path: ws, token: 'supervisor', headers: { origin: 'null' } },
    expected: { status: 403, code: 'ORIGIN_NOT_ALLOWED' },
  },
  {
    name: 'a valid token in the bearer subprotocol opens the socket and bearer is answered',
    request: { kind: 'upgrade', path: ws, token: 'supervisor' },
    expected: { status: 101, protocol: 'bearer' },
  },
  {
    name: 'a valid token in ?token= opens the socket',
    request: { kind: 'upgrade', path: ws, token: 'agent', via: 'query' },
    expected: { status: 101, protocol: '' },
  },
  {
    name: `a connection over the per-user limit (${ATTACK_LIMITS.connectionsPerUser}) is refused`,
    request: { kind: 'connections', token: 'limited-supervisor', count: ATTACK_LIMITS.connectionsPerUser + 1 },
    expected: { status: 429, code: 'TOO_MANY_CONNECTIONS' },
  },
  // On an open UI socket
  {
    name: 'an agent sees only its own calls in the * list',
    request: { kind: 'session', token: 'agent', frames: ['{"type":"subscribe","callId":"*"}'], waitMs: 300 },
    expected: { visibleAgents: ['agent-1'], open: true },
  },
  {
    name: 'an agent subscribing to another agent’s call gets CALL_NOT_FOUND',
    request: { kind: 'session', token: 'agent', frames: ['{"type":"subscribe","callId":"$CALL_OF:agent-2"}'], waitMs: 300 },
    expected: { code: 'CALL_NOT_FOUND', open: true },
  },
  {
    name: 'a burst of 60 pings is answered with RATE_LIMITED and the socket stays open',
    request: { kind: 'session', token: 'supervisor', frames: ['{"type":"ping"}'], repeat: 60, waitMs: 300 },
    expected: { code: 'RATE_LIMITED', open: true },
  },
  {
    name: 'a peer that keeps flooding is closed with 1008',
    request: { kind: 'session', token: 'supervisor', frames: ['{"type":"ping"}'], repeat: 400, waitMs: 500 },
    expected: { code: 'RATE_LIMITED', closeCode: 1008 },
  },
  {
    name: `a subscription over the per-connection limit (${ATTACK_LIMITS.subscriptionsPerConnection}) is refused`,
    request: {
      kind: 'session',
      token: 'supervisor',
      frames: [
        '{"type":"subscribe","callId":"*"}',
        '{"type":"subscribe","callId":"$CALL_OF:agent-1"}',
        '{"type":"subscribe","callId":"$CALL_OF:agent-2"}',
      ],
      waitMs: 300,
    },
    expected: { codes: ['TOO_MANY_SUBSCRIPTIONS'], open: true },
  },
  {
    name: 'JSON nested 100 deep is refused before parsing',
    request: { kind: 'session', token: 'supervisor', frames: [nested(100)], waitMs: 200 },
    expected: { code: 'JSON_TOO_DEEP', open: true },
  },
  {
    name: 'a 70 KB frame gets MESSAGE_TOO_LARGE and close 1009',
    request: { kind: 'session', token: 'supervisor', frames: [`{"type":"ping","id":"${'x'.repeat(70_000)}"}`], waitMs: 300 },
    expected: { code: 'MESSAGE_TOO_LARGE', closeCode: 1009 },
  },
  {
    name: 'a socket is told TOKEN_EXPIRED and closed with 1008 when its token expires',
    request: { kind: 'session', token: 'short-lived', frames: [], waitMs: ATTACK_LIMITS.shortLivedTokenSeconds * 1000 + 1000 },
    expected: { code: 'TOKEN_EXPIRED', closeCode: 1008 },
  },
  // Ingest
  {
    name: 'L16 ingest without an API key is refused',
    request: { kind: 'upgrade', path: '/ingest/l16' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'L16 ingest with a wrong API key is refused',
    request: { kind: 'upgrade', path: '/ingest/l16', apiKey: 'wrong' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'L16 ingest with a user’s token instead of a key is refused',
    request: { kind: 'upgrade', path: '/ingest/l16', token: 'supervisor', via: 'header' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'L16 ingest with a valid API key opens',
    request: { kind: 'upgrade', path: '/ingest/l16', apiKey: 'valid' },
    expected: { status: 101 },
  },
  {
    name: 'Twilio ingest signed over its URL opens',
    request: { kind: 'upgrade', path: '/ingest/twilio', twilioSignature: 'valid' },
    expected: { status: 101 },
  },
  {
    name: 'Twilio ingest with a signature made for another URL is refused',
    request: { kind: 'upgrade', path: '/ingest/twilio', twilioSignature: 'for-another-url' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'an ingest frame above 256 KiB closes the socket with 1009',
    request: { kind: 'ingest-frame', bytes: 300_000 },
    expected: { closeCode: 1009 },
  },
  // HTTP
  {
    name: 'login with a wrong password gets the generic 401',
    request: { kind: 'http', method: 'POST', path: '/api/auth/login', body: '{"username":"sam","password":"wrong-password"}' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'login of an unknown user gets the same 401',
    request: { kind: 'http', method: 'POST', path: '/api/auth/login', body: '{"username":"mallory","password":"sam-attack-password"}' },
    expected: { status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'login without a password is a 400 naming the field',
    request: { kind: 'http', method: 'POST', path: '/api/auth/login', body: '{"username":"sam"}' },
    expected: { status: 400, code: 'VALIDATION_FAILED' },
  },
  {
    name: 'a malformed login body leaks no stack trace',
    request: { kind: 'http', method: 'POST', path: '/api/auth/login', body: '{"username":' },
    expected: { status: 400, leaksInternals: false },
  },
  {
    name: '/api/auth/me without a token is 401 with WWW-Authenticate',
    request: { kind: 'http', method: 'GET', path: '/api/auth/me' },
    expected: { status: 401, code: 'UNAUTHORIZED', headers: { 'www-authenticate': 'Bearer' } },
  },
  {
    name: '/api/auth/me with an expired token says TOKEN_EXPIRED',
    request: { kind: 'http', method: 'GET', path: '/api/auth/me', bearer: 'expired' },
    expected: { status: 401, code: 'TOKEN_EXPIRED' },
  },
  {
    name: 'pages carry the security headers and a CSP without inline script',
    request: { kind: 'http', method: 'GET', path: '/' },
    expected: {
      headers: { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' },
      cspScriptSrc: "'self'",
    },
  },
  {
    name: 'a CORS preflight from another origin is refused',
    request: {
      kind: 'http',
      method: 'OPTIONS',
      path: '/api/auth/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    },
    expected: { status: 403, code: 'ORIGIN_NOT_ALLOWED' },
  },
  { name: 'a connection that never sends its headers is closed', request: { kind: 'silent-tcp' }, expected: { closedInTime: true } },
  {
    name: 'login guessing is throttled with 429',
    request: { kind: 'login-flood', attempts: ATTACK_LIMITS.loginAttemptsPerMinute + 2 },
    expected: { statuses: [401, 429] },
  },
];
