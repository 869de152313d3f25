import {
  isServerMessage,
  type AllCallsPositions,
  type CallEventMessage,
  type ClientMessage,
  type ErrorMessage,
  type PongMessage,
  type ServerMessage,
  type StatusMessage,
  type SubscribedMessage,
  type UnsubscribedMessage,
} from '@tnt/protocol';
import WebSocket from 'ws';
import { MessageWaiters } from './message-waiters';
import { ProtocolClientError, ProtocolClientErrorCode } from './protocol-client-error';

/** Waits longer than the gateway's slowest answer on a loaded 2-core machine, shorter than a test's timeout. */
const DEFAULT_WAIT_MS = 15_000;

/** How a client's socket ended. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** The socket's last error (e.g. `ECONNRESET`), when one preceded the close. */
  readonly error?: string;
}

/** Options of {@link ProtocolClient.connect}. */
export interface ProtocolClientOptions {
  /** A UI token, sent as the `bearer, <token>` subprotocol as browsers do (a URL may carry `?token=` instead). */
  readonly token?: string;
  /** Options for the `ws` socket: headers, `autoPong`, `perMessageDeflate`, … */
  readonly socketOptions?: WebSocket.ClientOptions;
  /** How long to wait for `status: connected` (default 15 s). */
  readonly connectTimeoutMs?: number;
  /**
   * Keep every message in {@link ProtocolClient.messages}, for tests that look back at what arrived.
   * Off by default, so a long-running client (the simulator in loop mode) holds nothing per message.
   */
  readonly keepMessages?: boolean;
  /**
   * Check every message with the protocol's runtime guards (default true). The transport benchmark
   * turns this off: on its receive path the guard's cost would be counted as the gateway's.
   */
  readonly validateMessages?: boolean;
}

/** Receives each server message with the size of the frame it came in. */
export type MessageListener = (message: ServerMessage, frameBytes: number) => void;

/** A predicate that narrows server messages to one `type`, for {@link ProtocolClient.next}. */
export function ofType<K extends ServerMessage['type']>(type: K) {
  return (message: ServerMessage): message is Extract<ServerMessage, { type: K }> => message.type === type;
}

const isConnectedStatus = (message: ServerMessage): message is StatusMessage => message.type === 'status' && message.status === 'connected';

/**
 * A Node client of the gateway's UI socket (`/ws`): connects with a token, waits for
 * `status: connected`, and offers the protocol's requests as promises (`subscribe`, `unsubscribe`,
 * `ping`) and its messages as a typed stream (`onMessage`, `next`).
 */
export class ProtocolClient {
  /** Every message received, oldest first, when `keepMessages` was set; otherwise always empty. */
  readonly messages: ServerMessage[] = [];
  /** Resolves once the socket has closed, for whatever reason. */
  readonly closed: Promise<CloseInfo>;
  private readonly listeners = new Set<MessageListener>();
  private readonly waiters = new MessageWaiters();
  private lastError: string | undefined;
  /** Why the client gave up before the socket closed on its own (a refusal or a protocol violation). */
  private failure: ProtocolClientError | undefined;
  private pingCount = 0;
  private greetingMessage: StatusMessage | undefined;

  private constructor(
    /** The underlying `ws` socket, for what the protocol does not cover (pause, terminate, raw frames). */
    readonly socket: WebSocket,
    private readonly url: string,
    private readonly options: ProtocolClientOptions,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('error', (error) => (this.lastError = error.message));
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      this.failure = new ProtocolClientError(
        ProtocolClientErrorCode.Refused,
        `${url} answered HTTP ${response.statusCode} instead of upgrading`,
        {
          httpStatus: response.statusCode,
        },
      );
      socket.terminate();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        const info: CloseInfo = { code, reason: reason.toString(), ...(this.lastError === undefined ? {} : { error: this.lastError }) };
        const detail = `closed with ${code}${info.reason ? ` (${info.reason})` : ''}${info.error ? `: ${info.error}` : ''}`;
        this.waiters.failAll(
          this.failure ?? new ProtocolClientError(ProtocolClientErrorCode.Closed, `${url} ${detail}`, { closeCode: code }),
        );
        resolve(info);
      }),
    );
  }

  /**
   * Opens a connection to `url` and resolves once the server has said `status: connected`.
   * @throws ProtocolClientError `REFUSED` (HTTP answer), `CLOSED` (closed first) or `TIMEOUT`.
   */
  static async connect(url: string, options: ProtocolClientOptions = {}): Promise<ProtocolClient> {
    const socket = new WebSocket(url, options.token ? ['bearer', options.token] : [], options.socketOptions ?? {});
    const client = new ProtocolClient(socket, url, options);
    try {
      client.greetingMessage = await client.next(isConnectedStatus, options.connectTimeoutMs ?? DEFAULT_WAIT_MS);
    } catch (error) {
      socket.terminate();
      throw error;
    }
    return client;
  }

  /** The server's `status: connected` greeting (protocol version, heartbeat interval, connection id). */
  get greeting(): StatusMessage {
    return this.greetingMessage as StatusMessage;
  }

  /** Calls `listener` with every message from now on; returns the function that stops it. */
  onMessage(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first message from now on that `matches`. */
  next<T extends ServerMessage>(matches: (message: ServerMessage) => message is T, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    return this.waiters.wait(matches, timeoutMs, () => this.recentMessages());
  }

  /**
   * Resolves with the first kept message after index `from` that `matches`, waiting for one if none
   * has arrived yet. Needs `keepMessages`.
   */
  async waitFor<T extends ServerMessage>(
    matches: (message: ServerMessage) => message is T,
    timeoutMs = DEFAULT_WAIT_MS,
    from = 0,
  ): Promise<T> {
    if (!this.options.keepMessages) throw new Error('waitFor looks back at kept messages: connect with keepMessages: true');
    const found = this.messages.slice(from).find(matches);
    return found ?? this.next(matches, timeoutMs);
  }

  /** Every kept call event of `callId` (transcripts, call changes, insights), in arrival order. Needs `keepMessages`. */
  eventsOf(callId: string): CallEventMessage[] {
    return this.messages.filter((message) => isEventOfCall(message, callId));
  }

  /** Sends one client message as JSON text. */
  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /**
   * Subscribes to `callId` (or `'*'`), optionally from a position, and resolves with the `subscribed` answer.
   * @throws ProtocolClientError `SERVER_ERROR` with the server's code (e.g. `CALL_NOT_FOUND`), `CLOSED` or `TIMEOUT`.
   */
  subscribe(callId: string, since?: number | AllCallsPositions, timeoutMs?: number): Promise<SubscribedMessage> {
    return this.request({ type: 'subscribe', callId, ...(since === undefined ? {} : { since }) }, ofType('subscribed'), timeoutMs);
  }

  /** Unsubscribes from `callId` (or `'*'`) and resolves with the `unsubscribed` answer. */
  unsubscribe(callId: string, timeoutMs?: number): Promise<UnsubscribedMessage> {
    return this.request({ type: 'unsubscribe', callId }, ofType('unsubscribed'), timeoutMs);
  }

  /** Sends `ping` and resolves with the `pong` that echoes its id. */
  ping(id: string | number = `ping-${++this.pingCount}`, timeoutMs?: number): Promise<PongMessage> {
    const pong = this.next((message): message is PongMessage => message.type === 'pong' && message.id === id, timeoutMs);
    this.send({ type: 'ping', id });
    return pong;
  }

  /** Closes the connection normally and resolves once it has closed. */
  close(code = 1000, reason?: string): Promise<CloseInfo> {
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close(code, reason);
    return this.closed;
  }

  /** Sends a request for `callId` and waits for its answer or for an `error` naming the same call. */
  private async request<T extends SubscribedMessage | UnsubscribedMessage>(
    message: ClientMessage & { callId: string },
    isAnswer: (message: ServerMessage) => message is T,
    timeoutMs?: number,
  ): Promise<T> {
    const forCall = (candidate: ServerMessage): candidate is T | ErrorMessage =>
      (isAnswer(candidate) || candidate.type === 'error') && 'callId' in candidate && candidate.callId === message.callId;
    const answer = this.next(forCall, timeoutMs);
    this.send(message);
    const settled = await answer;
    if (settled.type !== 'error') return settled as T;
    throw new ProtocolClientError(
      ProtocolClientErrorCode.ServerError,
      `${message.type} ${message.callId}: ${settled.code}: ${settled.message}`,
      {
        serverCode: settled.code,
      },
    );
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (isBinary) return this.violate(`a binary frame of ${data.length} bytes`);
    let message: unknown;
    try {
      message = JSON.parse(data.toString('utf8'));
    } catch (error) {
      return this.violate(`a frame that is not JSON (${(error as Error).message}): ${data.toString('utf8', 0, 200)}`);
    }
    const wellFormed = this.options.validateMessages === false ? typeof message === 'object' && message !== null : isServerMessage(message);
    if (!wellFormed) return this.violate(`a malformed message: ${data.toString('utf8', 0, 200)}`);
    const serverMessage = message as ServerMessage;
    if (this.options.keepMessages) this.messages.push(serverMessage);
    for (const listener of this.listeners) listener(serverMessage, data.length);
    this.waiters.offer(serverMessage);
  }

  /** The server broke the protocol: every waiter learns why, and the socket closes with 1002. */
  private violate(what: string): void {
    this.failure = new ProtocolClientError(ProtocolClientErrorCode.InvalidMessage, `${this.url} sent ${what}`);
    this.waiters.failAll(this.failure);
    this.socket.close(1002, 'invalid server message');
  }

  private recentMessages(): string {
    return this.options.keepMessages ? `last messages: ${JSON.stringify(this.messages.slice(-5))}` : `from ${this.url}`;
  }
}

/** True for a call event (transcript, call change or insight: all numbered in one sequence) of `callId`. */
export function isEventOfCall(message: ServerMessage, callId: string): message is CallEventMessage {
  switch (message.type) {
    case 'transcript':
    case 'insight':
      return message.callId === callId;
    case 'call':
      return message.call.id === callId;
    default:
      return false;
  }
}
