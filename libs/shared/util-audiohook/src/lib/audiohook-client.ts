import { randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signAudioHookRequest } from './http-message-signature';

/** A message the server sent. */
export interface AudioHookServerMessage {
  readonly version: string;
  readonly type: string;
  readonly seq: number;
  readonly clientseq: number;
  readonly id: string;
  readonly parameters: Record<string, unknown>;
}

/** How to reach and sign in to an AudioHook server, as a Genesys Cloud integration is configured. */
export interface AudioHookClientOptions {
  /** `ws(s)://host:port/ingest/audiohook`. */
  readonly url: string;
  readonly apiKey: string;
  /** Base64 client secret: when set, the upgrade is signed (RFC 9421), as Genesys does. */
  readonly clientSecret?: string;
  readonly organizationId?: string;
  readonly sessionId?: string;
  /** Header values that replace the computed ones (to send a bad upgrade on purpose). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The signing clock, in ms; `created` is taken from it. */
  readonly now?: () => number;
  /** The signature's nonce (random when unset). */
  readonly nonce?: string;
}

/** The upgrade was refused before the WebSocket opened. */
export class AudioHookUpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with ${status}: ${body}`);
  }
}

/** Milliseconds → AudioHook duration. */
function duration(ms: number): string {
  return `PT${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}S`;
}

/**
 * The client side of AudioHook Monitor as Genesys Cloud speaks it: a signed upgrade, then sequenced
 * JSON messages carrying the stream position, and binary audio frames. For the simulator and tests.
 */
export class AudioHookClient {
  readonly received: AudioHookServerMessage[] = [];
  readonly sessionId: string;
  readonly organizationId: string;
  /** How the socket closed: code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private seq = 0;
  private positionMs = 0;
  private readonly waiters: { types: readonly string[]; resolve: (message: AudioHookServerMessage) => void }[] = [];

  private constructor(
    private readonly socket: WebSocket,
    ids: { sessionId: string; organizationId: string },
  ) {
    this.sessionId = ids.sessionId;
    this.organizationId = ids.organizationId;
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as AudioHookServerMessage;
      this.received.push(message);
      const index = this.waiters.findIndex((waiter) => waiter.types.includes(message.type));
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(message);
    });
  }

  /** Connects, signing the upgrade when a client secret is given; rejects with {@link AudioHookUpgradeRefused}. */
  static async connect(options: AudioHookClientOptions): Promise<AudioHookClient> {
    const url = new URL(options.url);
    const sessionId = options.headers?.['audiohook-session-id'] ?? options.sessionId ?? randomUUID();
    const organizationId = options.headers?.['audiohook-organization-id'] ?? options.organizationId ?? randomUUID();
    const base: Record<string, string | undefined> = {
      'audiohook-organization-id': organizationId,
      'audiohook-correlation-id': randomUUID(),
      'audiohook-session-id': sessionId,
      'x-api-key': options.apiKey,
      ...options.headers,
    };
    const headers = Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
    if (options.clientSecret !== undefined) {
      const created = Math.floor((options.now ?? Date.now)() / 1000);
      const signed = signAudioHookRequest(
        { target: url.pathname + url.search, authority: url.host, headers },
        { apiKey: options.apiKey, clientSecret: options.clientSecret },
        { nonce: options.nonce ?? randomBytes(16).toString('base64url'), created, expires: created + 60 },
      );
      headers['signature-input'] ??= signed.signatureInput;
      headers['signature'] ??= signed.signature;
    }
    const socket = new WebSocket(url, { headers, maxPayload: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(new AudioHookUpgradeRefused(response.statusCode ?? 0, body)));
      });
    });
    return new AudioHookClient(socket, { sessionId, organizationId });
  }

  /** The last server `seq` received. */
  get serverSeq(): number {
    return this.received.at(-1)?.seq ?? 0;
  }

  /** Sends a client message with the next `seq`, the last `serverseq` and the current position; `envelope` overrides fields. */
  send(type: string, parameters: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): void {
    this.seq += 1;
    const message = {
      version: '2',
      id: this.sessionId,
      type,
      seq: this.seq,
      serverseq: this.serverSeq,
      position: duration(this.positionMs),
      parameters,
    };
    this.socket.send(JSON.stringify({ ...message, ...envelope }));
  }

  /** Sends any text frame as it is. */
  sendText(text: string): void {
    this.socket.send(text);
  }

  /** Sends one binary audio frame holding `ms` of audio (the position moves on by it). */
  sendAudio(frame: Buffer, ms: number): void {
    this.socket.send(frame);
    this.positionMs += ms;
  }

  /** Moves the position on without sending audio (audio the client dropped, or did not send while paused). */
  skip(ms: number): { start: string; discarded: string } {
    const start = duration(this.positionMs);
    this.positionMs += ms;
    return { start, discarded: duration(ms) };
  }

  /** `open` for `conversationId` offering `media`, then the server's answer (`opened` or `disconnect`). */
  async open(
    conversationId: string,
    media: readonly Record<string, unknown>[],
    extra: Record<string, unknown> = {},
  ): Promise<AudioHookServerMessage> {
    const answer = this.next(['opened', 'disconnect']);
    this.send('open', {
      organizationId: this.organizationId,
      conversationId,
      participant: { id: randomUUID(), ani: '+15550100', aniName: 'Caller', dnis: '+15550199' },
      media,
      language: 'en-US',
      ...extra,
    });
    return answer;
  }

  /** The next message, from now on, of one of `types`. */
  next(types: string | readonly string[]): Promise<AudioHookServerMessage> {
    return new Promise((resolve) => this.waiters.push({ types: typeof types === 'string' ? [types] : types, resolve }));
  }

  /** `close` with `reason`, then the server's `closed`. */
  async close(reason = 'end'): Promise<AudioHookServerMessage> {
    const closed = this.next('closed');
    this.send('close', { reason });
    return closed;
  }

  /** Ends the WebSocket (after `closed`, as Genesys does). */
  end(): void {
    this.socket.close(1000);
  }

  /** Drops the connection without a close handshake (a network drop). */
  drop(): void {
    this.socket.terminate();
  }
}
