import { computeTwilioSignature } from '@tnt/server/util-security';
import { connect } from 'node:net';
import WebSocket from 'ws';
import type { AttackCase, AttackObservation, AttackRequest } from './attack-cases';
import { ATTACK_LIMITS, type AttackTarget, type AttackTokenKind } from './attack-target';

/** Where the gateway under attack listens, and what was prepared for it. */
export interface AttackContext {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly target: AttackTarget;
}

type Upgrade = Extract<AttackRequest, { kind: 'upgrade' }>;

interface OpenedSocket {
  observation: AttackObservation;
  socket?: WebSocket;
}

async function tokenOf(kind: AttackTokenKind, context: AttackContext): Promise<string> {
  return kind === 'short-lived' ? context.target.shortLivedToken() : context.target.tokens[kind];
}

function leaks(text: string): boolean {
  return /\bat [\w.<>]+ \(|node_modules|\.[jt]s:\d+:\d+/.test(text);
}

function jsonCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined; // not JSON: the observation then has no code, which the expectation shows
  }
}

/** Opens a WebSocket as `request` says and reports the HTTP outcome of the upgrade. */
async function open(request: Upgrade, context: AttackContext): Promise<OpenedSocket> {
  const wsBase = context.baseUrl.replace(/^http/, 'ws');
  const headers: Record<string, string> = { ...request.headers };
  let protocols = [...(request.protocols ?? [])];
  let query = '';
  if (request.token !== undefined) {
    const token = await tokenOf(request.token, context);
    const via = request.via ?? 'subprotocol';
    if (via === 'subprotocol') protocols = ['bearer', token];
    else if (via === 'query') query = `?token=${encodeURIComponent(token)}`;
    else headers['authorization'] = `Bearer ${token}`;
  }
  if (request.apiKey !== undefined)
    headers['x-api-key'] = request.apiKey === 'valid' ? context.target.ingestApiKey : 'tnt_ingest_guessed-key';
  if (request.twilioSignature !== undefined) {
    const signedPath = request.twilioSignature === 'valid' ? request.path : `${request.path}?tenant=other`;
    headers['x-twilio-signature'] = computeTwilioSignature(context.target.twilioAuthToken, `${wsBase}${signedPath}`);
  }
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsBase}${request.path}${query}`, protocols, { headers });
    socket.once('open', () => resolve({ observation: { status: 101, protocol: socket.protocol }, socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({ observation: { status: response.statusCode, code: jsonCode(body), leaksInternals: leaks(body) } }),
      );
    });
    socket.once('error', reject);
  });
}

function closed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => (socket.readyState === WebSocket.CLOSED ? resolve() : socket.once('close', () => resolve())));
}

async function closeAll(sockets: (WebSocket | undefined)[]): Promise<void> {
  for (const socket of sockets) socket?.close();
  await Promise.all(sockets.map((socket) => (socket ? closed(socket) : undefined)));
  // The server counts a connection until its TCP socket closes; give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The calls a supervisor sees now. */
async function liveCalls(context: AttackContext): Promise<{ id: string; agentId: string }[]> {
  const { socket } = await open({ kind: 'upgrade', path: '/ws', token: 'supervisor' }, context);
  if (!socket) throw new Error('the supervisor could not connect to look up calls');
  const listed = new Promise<{ id: string; agentId: string }[]>((resolve) =>
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'subscribed') resolve(message.calls ?? []);
    }),
  );
  socket.send('{"type":"subscribe","callId":"*"}');
  const calls = await listed;
  await closeAll([socket]);
  return calls;
}

/** The id of a live call of `agentId`, waiting up to 10 s for one (demo calls start a few seconds apart). */
async function callOf(agentId: string, context: AttackContext): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const call = (await liveCalls(context)).find((candidate) => candidate.agentId === agentId);
    if (call) return call.id;
    if (Date.now() > deadline) throw new Error(`no live call of ${agentId} within 10 s; is the gateway in demo mode?`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function session(request: Extract<AttackRequest, { kind: 'session' }>, context: AttackContext): Promise<AttackObservation> {
  const frames: string[] = [];
  for (const frame of request.frames) {
    const placeholder = /\$CALL_OF:([\w-]+)/.exec(frame);
    frames.push(placeholder ? frame.replace(placeholder[0], await callOf(placeholder[1], context)) : frame);
  }
  const { observation, socket } = await open({ kind: 'upgrade', path: '/ws', token: request.token }, context);
  if (!socket) return observation;
  const codes: string[] = [];
  let visibleAgents: string[] | undefined;
  let closeCode: number | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'error') codes.push(message.code);
    if (message.type === 'subscribed' && message.callId === '*')
      visibleAgents = [...new Set<string>((message.calls ?? []).map((call: { agentId: string }) => call.agentId))];
  });
  socket.on('close', (code) => (closeCode = code));
  for (let round = 0; round < (request.repeat ?? 1); round++)
    for (const frame of frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  await new Promise((resolve) => setTimeout(resolve, request.waitMs));
  const result: AttackObservation = {
    ...observation,
    codes,
    code: codes[0],
    open: socket.readyState === WebSocket.OPEN,
    visibleAgents,
    closeCode,
  };
  await closeAll([socket]);
  return result;
}

async function http(request: Extract<AttackRequest, { kind: 'http' }>, context: AttackContext): Promise<AttackObservation> {
  const headers: Record<string, string> = {
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  if (request.bearer !== undefined) headers['authorization'] = `Bearer ${await tokenOf(request.bearer, context)}`;
  const response = await fetch(`${context.baseUrl}${request.path}`, { method: request.method, headers, body: request.body });
  const text = await response.text();
  const responseHeaders = Object.fromEntries(response.headers.entries());
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(responseHeaders['content-security-policy'] ?? '')?.[1];
  return { status: response.status, code: jsonCode(text), headers: responseHeaders, cspScriptSrc: scriptSrc, leaksInternals: leaks(text) };
}

function silentConnection(context: AttackContext): Promise<AttackObservation> {
  const { hostname, port } = new URL(context.baseUrl);
  const deadline = ATTACK_LIMITS.headersTimeoutMs * 2;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const giveUp = setTimeout(() => socket.destroy(), deadline + 1000);
    socket.on('error', () => undefined); // a reset by the server is one way of closing
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ closedInTime: Date.now() - started <= deadline });
    });
  });
}

/** Runs one attack case against the gateway and reports what happened, for `toMatchObject(case.expected)`. */
export async function runAttackCase(attack: AttackCase, context: AttackContext): Promise<AttackObservation> {
  const request = attack.request;
  switch (request.kind) {
    case 'upgrade': {
      const { observation, socket } = await open(request, context);
      await closeAll([socket]);
      return observation;
    }
    case 'connections': {
      const opened: OpenedSocket[] = [];
      for (let index = 0; index < request.count; index++)
        opened.push(await open({ kind: 'upgrade', path: '/ws', token: request.token }, context));
      await closeAll(opened.map((entry) => entry.socket));
      return opened[opened.length - 1].observation;
    }
    case 'session':
      return session(request, context);
    case 'ingest-frame': {
      const { observation, socket } = await open({ kind: 'upgrade', path: '/ingest/l16', apiKey: 'valid' }, context);
      if (!socket) return observation;
      const closeCode = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send(Buffer.alloc(request.bytes));
      return { ...observation, closeCode: await closeCode };
    }
    case 'http':
      return http(request, context);
    case 'login-flood': {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < request.attempts; attempt++) {
        const { status } = await http(
          {
            kind: 'http',
            method: 'POST',
            path: '/api/auth/login',
            body: JSON.stringify({ username: 'sam', password: `guess-${attempt}` }),
          },
          context,
        );
        if (status !== undefined && !statuses.includes(status)) statuses.push(status);
      }
      return { statuses };
    }
    case 'silent-tcp':
      return silentConnection(context);
  }
}
