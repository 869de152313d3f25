import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  ALL_CALLS,
  CLOSE_CODES,
  ERROR_CODES,
  type ClientMessage,
  type ConnectedStatusMessage,
  type ServerMessage,
  type ServerMessageType,
} from '@tnt/protocol';
import type { ConnectionState } from '@tnt/dashboard/util-model';
import { BehaviorSubject, Subject, distinctUntilChanged, filter, type Observable } from 'rxjs';
import { GapFreeFeed } from './gap-free-feed';
import { Heartbeat } from './heartbeat';
import { ReconnectBackoff } from './reconnect-backoff';
import { RetryTriggers } from './retry-triggers';
import { ScheduledAttempt } from './scheduled-attempt';
import { SOCKET_CREDENTIALS, bearerSubprotocols, type SessionEndReason } from './socket-credentials';
import { TRANSCRIPT_SOCKET_OPTIONS, resolveSocketOptions } from './socket-options';
import { isRejectedFrame, parseServerFrame } from './server-frame';
import { SubscriptionBook } from './subscription-book';
import { TokenCheck } from './token-check';

/** A server message of one `type`. */
export type ServerMessageOf<K extends ServerMessageType> = Extract<ServerMessage, { type: K }>;

/** Gives up one subscription taken with `watchCall` or `watchAllCalls`; calling it twice is harmless. */
export type ReleaseWatch = () => void;

/** How a connection ended, as far as it decides what happens next. */
interface Loss {
  /** The server said `disconnecting` first: it is going away on purpose and comes back soon. */
  readonly serverSaidGoodbye?: boolean;
  readonly closeCode?: number;
}

/**
 * The dashboard's one connection to the UI socket. It wraps the browser's `WebSocket` in RxJS,
 * reports its state as a signal, keeps itself alive (ping/pong, reconnect with backoff) and
 * restores every subscription after a reconnect with `since`, dropping events it has already
 * delivered, so consumers see each call's events once and without a gap.
 *
 * While it is wanted (someone connected or watches, and is signed in) it never gives up: after
 * the first quick attempts it keeps trying at a capped, jittered interval (see `reconnectDelayMs`),
 * and at once when the browser goes online or the tab becomes visible. A wallboard left alone
 * through a gateway upgrade comes back by itself.
 *
 * With {@link SOCKET_CREDENTIALS} it presents the signed-in user's token as a subprotocol. When
 * an attempt fails in a way that may be the server refusing the token, it asks the server about
 * the token before retrying; an expired or refused token ends the session instead of retrying
 * forever. What was delivered is kept, so after signing in again the subscriptions resume with
 * `since` and nothing is lost.
 */
@Injectable({ providedIn: 'root' })
export class TranscriptSocketService {
  private readonly options = resolveSocketOptions(inject(TRANSCRIPT_SOCKET_OPTIONS, { optional: true }) ?? {});
  private readonly credentials = inject(SOCKET_CREDENTIALS, { optional: true });
  private readonly tokenCheck = this.credentials ? new TokenCheck(this.credentials) : undefined;
  private readonly backoff = new ReconnectBackoff(
    { stepsMs: this.options.backoffMs, jitterRatio: this.options.jitterRatio, maxDelayMs: this.options.maxBackoffMs },
    this.options.random,
  );
  private readonly retryTriggers = new RetryTriggers(inject(DOCUMENT), (reason) => this.retryEarly(reason));
  private readonly heartbeat = new Heartbeat(
    (id) => this.send({ type: 'ping', id }),
    (reason) => {
      if (this.socket) this.connectionLost(this.socket, reason);
    },
    this.options.pongTimeoutMs,
  );
  private readonly book = new SubscriptionBook();
  private readonly feed = new GapFreeFeed(this.book, (message) => this.send(message));
  private readonly incoming = new Subject<ServerMessage>();
  private readonly stateSubject = new BehaviorSubject<ConnectionState>('disconnected');
  private readonly stateSignal = signal<ConnectionState>('disconnected');
  private readonly nextAttempt = new ScheduledAttempt(this.options.now);
  private readonly lastProblemSignal = signal<string | null>(null);
  private readonly watchedSignal = signal(false);
  private socket: WebSocket | undefined;
  /** The token the current (or last) attempt presented. */
  private socketToken: string | undefined;
  private opened = false;
  private greeted = false;
  private wanted = false;
  private everConnected = false;
  private greetingTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;

  /** The connection state now. */
  readonly state = this.stateSignal.asReadonly();
  /** The connection state as it changes (current value first). */
  readonly state$: Observable<ConnectionState> = this.stateSubject.pipe(distinctUntilChanged());
  /** When the next reconnect attempt starts (epoch ms), while one is scheduled. */
  readonly nextAttemptAt = this.nextAttempt.startsAt;
  /** Why the last connection ended or failed, for people. */
  readonly lastProblem = this.lastProblemSignal.asReadonly();
  /**
   * True while some view watches a call or every call, i.e. the page shown needs live updates.
   * A page that needs none (the history) shows no connection banner.
   */
  readonly watched = this.watchedSignal.asReadonly();
  /** Every valid server message, with call events already seen dropped. */
  readonly messages$: Observable<ServerMessage> = this.incoming.asObservable();
  /** `transcript` events, each once. */
  readonly transcripts$ = this.on('transcript');
  /** `call` events (started, updated, ended), each once. */
  readonly callEvents$ = this.on('call');
  /** Insights of the calls watched (alerts, metrics …), in each call's order. */
  readonly insights$ = this.on('insight');
  /** `snapshot`s: the whole transcript of a call, replacing what was shown. */
  readonly snapshots$ = this.on('snapshot');
  /** `subscribed` acknowledgements (for `'*'` with the list of calls). */
  readonly subscriptions$ = this.on('subscribed');
  /** `error` messages from the server. */
  readonly errors$ = this.on('error');
  /** `status` messages (greetings and `disconnecting`). */
  readonly statuses$ = this.on('status');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** The messages of one type. */
  on<K extends ServerMessageType>(type: K): Observable<ServerMessageOf<K>> {
    return this.incoming.pipe(filter((message): message is ServerMessageOf<K> => message.type === type));
  }

  /** Starts connecting unless already connected or trying. */
  connect(): void {
    this.wanted = true;
    this.retryTriggers.start();
    if (this.socket || this.nextAttempt.waiting || this.tokenCheck?.pending) return;
    // Idle (never started, closed, gave up, or signed out): a new start deserves the whole backoff again.
    this.backoff.reset();
    this.open();
  }

  /** Skips the wait before the next attempt (the banner's retry button); starts the backoff afresh. */
  reconnectNow(): void {
    this.wanted = true;
    this.retryTriggers.start();
    if (this.socket) return;
    this.cancelPendingAttempt();
    this.backoff.reset();
    this.open();
  }

  /** Closes the connection and stops reconnecting. */
  disconnect(): void {
    this.stop('closed by the dashboard');
  }

  /** Receives one call's events (and connects if needed) until the returned function is called. */
  watchCall(callId: string): ReleaseWatch {
    if (callId === ALL_CALLS) return this.watchAllCalls();
    if (this.book.add(callId)) this.sendIfGreeted(this.feed.subscribeTo(callId));
    this.watchedSignal.set(true);
    this.connect();
    return this.releaser(callId);
  }

  /** Receives every call's events (and connects if needed) until the returned function is called. */
  watchAllCalls(): ReleaseWatch {
    if (this.book.add(ALL_CALLS)) this.sendIfGreeted(this.feed.subscribeToAllCalls());
    this.watchedSignal.set(true);
    this.connect();
    return this.releaser(ALL_CALLS);
  }

  /** The newest seq delivered for a call. */
  lastSeqOf(callId: string): number | undefined {
    return this.feed.lastSeqOf(callId);
  }

  /** Forgets what was delivered for a call (its transcript was dropped); the next watch asks for a snapshot. */
  forgetCall(callId: string): void {
    this.feed.forget(callId);
  }

  private releaser(callId: string): ReleaseWatch {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.book.remove(callId)) this.sendIfGreeted({ type: 'unsubscribe', callId });
      this.watchedSignal.set(this.book.watchesAnything);
    };
  }

  private open(): void {
    this.clearConnectionTimers();
    this.greeted = false;
    this.opened = false;
    const token = this.credentials?.token();
    if (this.credentials && token === undefined) {
      // The server refuses an upgrade without a token; the sign-in page is where this goes on.
      this.stop('nobody is signed in');
      return;
    }
    if (this.stateSignal() !== 'reconnecting') this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = this.options.createWebSocket(this.options.url, token === undefined ? undefined : bearerSubprotocols(token));
    } catch (error) {
      console.error(`TnT socket: could not open ${this.options.url}`, error);
      this.lastProblemSignal.set(`could not open ${this.options.url}: ${String(error)}`);
      this.scheduleReconnect(false);
      return;
    }
    this.socket = socket;
    this.socketToken = token;
    socket.onopen = () => {
      if (socket === this.socket) this.opened = true;
    };
    socket.onmessage = (event: MessageEvent) => this.receive(socket, event.data);
    socket.onclose = (event: CloseEvent) =>
      this.connectionLost(socket, `connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`, { closeCode: event.code });
    this.greetingTimer = setTimeout(
      () => this.connectionLost(socket, `no greeting within ${this.options.greetingTimeoutMs} ms`),
      this.options.greetingTimeoutMs,
    );
  }

  private receive(socket: WebSocket, data: unknown): void {
    if (socket !== this.socket) return;
    const message = parseServerFrame(data);
    if (isRejectedFrame(message)) {
      console.error(`TnT socket: ignored ${message.problem}`, message.detail);
      return;
    }
    if (!this.feed.admit(message)) return;
    this.actOn(socket, message);
    this.incoming.next(message);
  }

  /** What the connection itself does about a message, before consumers get it. */
  private actOn(socket: WebSocket, message: ServerMessage): void {
    if (message.type === 'status' && message.status === 'connected') this.greet(message);
    else if (message.type === 'status' && message.status === 'disconnecting') {
      this.connectionLost(socket, message.reason ?? 'the server is going away', { serverSaidGoodbye: true });
    } else if (message.type === 'pong') this.heartbeat.pongReceived(message.id);
    else if (message.type === 'error' && message.code === ERROR_CODES.TOKEN_EXPIRED && this.socketToken !== undefined) {
      // The server closes with 1008 next; reconnecting with the same token could only be refused.
      this.endSession('expired', this.socketToken);
    }
  }

  private greet(greeting: ConnectedStatusMessage): void {
    clearTimeout(this.greetingTimer);
    this.greeted = true;
    this.everConnected = true;
    this.setState('connected');
    this.heartbeat.start(greeting.heartbeatIntervalMs);
    this.stableTimer = setTimeout(() => this.backoff.reset(), this.options.stableAfterMs);
    for (const message of this.feed.resubscribeMessages()) this.send(message);
  }

  private connectionLost(socket: WebSocket, reason: string, loss: Loss = {}): void {
    if (socket !== this.socket) return;
    // A refused upgrade never opens; a policy close may be the server ending the session.
    const mayBeRefusedToken = !this.opened || loss.closeCode === CLOSE_CODES.POLICY_VIOLATION;
    this.dropSocket(socket);
    this.lastProblemSignal.set(reason);
    const token = this.socketToken;
    if (!this.wanted) this.setState('disconnected');
    else if (token !== undefined && mayBeRefusedToken && !loss.serverSaidGoodbye) this.checkTokenBeforeRetrying(token);
    else this.scheduleReconnect(loss.serverSaidGoodbye ?? false);
  }

  /** Asks the server about the token; retries as usual unless the token is the reason. */
  private checkTokenBeforeRetrying(token: string): void {
    this.setState('reconnecting');
    this.tokenCheck?.ask(token, (status) => {
      if (status === 'expired' || status === 'rejected') this.endSession(status, token);
      else this.scheduleReconnect(false);
    });
  }

  /** The server no longer accepts the token: retrying cannot help, so stop and say why. */
  private endSession(reason: SessionEndReason, token: string): void {
    this.stop(reason === 'expired' ? 'the session expired; sign in again' : 'the server no longer accepts this sign-in');
    this.credentials?.sessionEnded(reason, token);
  }

  /** Closes the connection, cancels any attempt and stays disconnected until `connect`. */
  private stop(problem: string): void {
    this.wanted = false;
    this.retryTriggers.stop();
    this.cancelPendingAttempt();
    if (this.socket) this.dropSocket(this.socket);
    this.lastProblemSignal.set(problem);
    this.setState('disconnected');
  }

  private dropSocket(socket: WebSocket): void {
    this.socket = undefined;
    this.greeted = false;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    // Closing a socket that is already dead can take the browser a long time; nobody waits for it.
    if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000, 'closing');
    this.clearConnectionTimers();
    this.heartbeat.stop();
    this.feed.connectionLost();
  }

  private scheduleReconnect(serverSaidGoodbye: boolean): void {
    const delayMs = serverSaidGoodbye
      ? Math.round(this.options.promptReconnectMs * (1 - this.options.jitterRatio * this.options.random()))
      : this.backoff.nextDelayMs();
    this.setState('reconnecting');
    this.nextAttempt.schedule(delayMs, () => this.open());
  }

  /**
   * The browser hinted that the server may be reachable now: skip the rest of the current wait.
   * The backoff keeps its count, so if the hint was wrong the next wait is as long as planned.
   */
  private retryEarly(reason: string): void {
    if (!this.wanted || !this.nextAttempt.waiting) return;
    console.info(`TnT socket: reconnecting now, ${reason}`);
    this.cancelPendingAttempt();
    this.open();
  }

  private cancelPendingAttempt(): void {
    this.nextAttempt.cancel();
    this.tokenCheck?.cancel();
  }

  private send(message: ClientMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  private sendIfGreeted(message: ClientMessage): void {
    if (this.greeted) this.send(message);
  }

  private clearConnectionTimers(): void {
    clearTimeout(this.greetingTimer);
    clearTimeout(this.stableTimer);
    this.greetingTimer = undefined;
    this.stableTimer = undefined;
  }

  private setState(state: ConnectionState): void {
    this.stateSignal.set(state);
    this.stateSubject.next(state);
  }
}
