import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  ALL_CALLS,
  ERROR_CODES,
  callIdOf,
  type CallInfo,
  type ClientMessage,
  type ServerMessage,
  type ServerMessageType,
  type StatusMessage,
} from '@tnt/protocol';
import type { ConnectionState } from '@tnt/dashboard/util-model';
import { BehaviorSubject, Subject, distinctUntilChanged, filter, type Observable } from 'rxjs';
import { CallSeqTracker } from './call-seq-tracker';
import { Heartbeat } from './heartbeat';
import { ReconnectBackoff } from './reconnect-backoff';
import { TRANSCRIPT_SOCKET_OPTIONS, resolveSocketOptions } from './socket-options';
import { isRejectedFrame, parseServerFrame } from './server-frame';
import { SubscriptionBook } from './subscription-book';

/** A server message of one `type`. */
export type ServerMessageOf<K extends ServerMessageType> = Extract<ServerMessage, { type: K }>;

/** Gives up one subscription taken with `watchCall` or `watchAllCalls`; calling it twice is harmless. */
export type ReleaseWatch = () => void;

/**
 * The dashboard's one connection to the UI socket. It wraps the browser's `WebSocket` in RxJS,
 * reports its state as a signal, keeps itself alive (ping/pong, reconnect with backoff) and
 * restores every subscription after a reconnect with `since`, dropping events it has already
 * delivered, so consumers see each call's events once and without a gap.
 */
@Injectable({ providedIn: 'root' })
export class TranscriptSocketService {
  private readonly options = resolveSocketOptions(inject(TRANSCRIPT_SOCKET_OPTIONS, { optional: true }) ?? {});
  private readonly backoff = new ReconnectBackoff(this.options.backoffMs, this.options.jitterRatio, this.options.random);
  private readonly heartbeat = new Heartbeat(
    (id) => this.send({ type: 'ping', id }),
    (reason) => {
      if (this.socket) this.connectionLost(this.socket, reason);
    },
    this.options.pongTimeoutMs,
  );
  private readonly seqs = new CallSeqTracker();
  private readonly book = new SubscriptionBook();
  /** Calls asked for once (subscribe for a snapshot, then unsubscribe) to repair the `'*'` feed. */
  private readonly snapshotFetches = new Set<string>();
  private readonly incoming = new Subject<ServerMessage>();
  private readonly stateSubject = new BehaviorSubject<ConnectionState>('disconnected');
  private readonly stateSignal = signal<ConnectionState>('disconnected');
  private readonly nextAttemptAtSignal = signal<number | null>(null);
  private readonly lastProblemSignal = signal<string | null>(null);
  private socket: WebSocket | undefined;
  private greeted = false;
  private wanted = false;
  private everConnected = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private greetingTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;

  /** The connection state now. */
  readonly state = this.stateSignal.asReadonly();
  /** The connection state as it changes (current value first). */
  readonly state$: Observable<ConnectionState> = this.stateSubject.pipe(distinctUntilChanged());
  /** When the next reconnect attempt starts (epoch ms), while one is scheduled. */
  readonly nextAttemptAt = this.nextAttemptAtSignal.asReadonly();
  /** Why the last connection ended or failed, for people. */
  readonly lastProblem = this.lastProblemSignal.asReadonly();
  /** Every valid server message, with call events already seen dropped. */
  readonly messages$: Observable<ServerMessage> = this.incoming.asObservable();
  /** `transcript` events, each once. */
  readonly transcripts$ = this.on('transcript');
  /** `call` events (started, updated, ended), each once. */
  readonly callEvents$ = this.on('call');
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
    if (this.socket || this.reconnectTimer !== undefined) return;
    // Idle (never started, closed, or gave up): a new start deserves the whole backoff again.
    this.backoff.reset();
    this.open();
  }

  /** Skips the wait before the next attempt (the banner's retry button); starts the backoff afresh. */
  reconnectNow(): void {
    this.wanted = true;
    if (this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.backoff.reset();
    this.open();
  }

  /** Closes the connection and stops reconnecting. */
  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.nextAttemptAtSignal.set(null);
    if (this.socket) this.connectionLost(this.socket, 'closed by the dashboard');
    this.setState('disconnected');
  }

  /** Receives one call's events (and connects if needed) until the returned function is called. */
  watchCall(callId: string): ReleaseWatch {
    if (callId === ALL_CALLS) return this.watchAllCalls();
    if (this.book.add(callId)) this.sendIfGreeted(this.subscribeTo(callId));
    this.connect();
    return this.releaser(callId);
  }

  /** Receives every call's events (and connects if needed) until the returned function is called. */
  watchAllCalls(): ReleaseWatch {
    if (this.book.add(ALL_CALLS)) this.sendIfGreeted({ type: 'subscribe', callId: ALL_CALLS });
    this.connect();
    return this.releaser(ALL_CALLS);
  }

  /** The newest seq delivered for a call. */
  lastSeqOf(callId: string): number | undefined {
    return this.seqs.lastSeqOf(callId);
  }

  /** Forgets what was delivered for a call (its transcript was dropped); the next watch asks for a snapshot. */
  forgetCall(callId: string): void {
    this.seqs.forget(callId);
  }

  private releaser(callId: string): ReleaseWatch {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.book.remove(callId)) this.sendIfGreeted({ type: 'unsubscribe', callId });
    };
  }

  private subscribeTo(callId: string): ClientMessage {
    const since = this.seqs.lastSeqOf(callId);
    return since === undefined ? { type: 'subscribe', callId } : { type: 'subscribe', callId, since };
  }

  private open(): void {
    this.clearConnectionTimers();
    this.greeted = false;
    this.nextAttemptAtSignal.set(null);
    if (this.stateSignal() !== 'reconnecting') this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = this.options.createWebSocket(this.options.url);
    } catch (error) {
      console.error(`TnT socket: could not open ${this.options.url}`, error);
      this.lastProblemSignal.set(`could not open ${this.options.url}: ${String(error)}`);
      this.scheduleReconnect(false);
      return;
    }
    this.socket = socket;
    socket.onmessage = (event: MessageEvent) => this.receive(socket, event.data);
    socket.onclose = (event: CloseEvent) =>
      this.connectionLost(socket, `connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
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
    if (this.route(socket, message)) this.incoming.next(message);
    if (message.type === 'subscribed' && message.callId === ALL_CALLS) this.repairAllCallsFeed(message.calls ?? []);
  }

  /** Acts on a message; false when it must not be passed on (a duplicate). */
  private route(socket: WebSocket, message: ServerMessage): boolean {
    switch (message.type) {
      case 'status':
        if (message.status === 'connected') this.greet(message);
        if (message.status === 'disconnecting') {
          this.incoming.next(message);
          this.connectionLost(socket, message.reason ?? 'the server is going away', true);
          return false;
        }
        return true;
      case 'pong':
        this.heartbeat.pongReceived(message.id);
        return true;
      case 'transcript':
      case 'call':
        return this.seqs.accept(callIdOf(message), message);
      case 'snapshot':
        this.seqs.resetTo(message);
        if (this.snapshotFetches.delete(message.callId) && !this.book.watchesCall(message.callId)) {
          this.send({ type: 'unsubscribe', callId: message.callId });
        }
        return true;
      case 'error':
        if (message.code === ERROR_CODES.CALL_NOT_FOUND && message.callId) this.snapshotFetches.delete(message.callId);
        return true;
      default:
        return true;
    }
  }

  /**
   * `'*'` has no `since`: after a reconnect, a call whose server-side seq differs from the last
   * one delivered missed events (or is another call under a reused id). Such calls are fetched
   * once as a snapshot, which replaces their transcript; calls watched directly already came
   * back with `since`.
   */
  private repairAllCallsFeed(calls: readonly CallInfo[]): void {
    for (const call of calls) {
      if (this.book.watchesCall(call.id) || this.snapshotFetches.has(call.id) || !this.seqs.isBehind(call)) continue;
      const startedAt = this.seqs.startedAtOf(call.id);
      if (startedAt !== undefined && startedAt !== call.startedAt) this.seqs.forget(call.id);
      this.snapshotFetches.add(call.id);
      this.send({ type: 'subscribe', callId: call.id });
    }
  }

  private greet(greeting: StatusMessage): void {
    clearTimeout(this.greetingTimer);
    this.greeted = true;
    this.everConnected = true;
    this.setState('connected');
    this.heartbeat.start(greeting.heartbeatIntervalMs ?? this.options.heartbeatIntervalMs);
    this.stableTimer = setTimeout(() => this.backoff.reset(), this.options.stableAfterMs);
    for (const message of this.book.resubscribeMessages((callId) => this.seqs.lastSeqOf(callId))) this.send(message);
  }

  private connectionLost(socket: WebSocket, reason: string, serverSaidGoodbye = false): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.greeted = false;
    socket.onmessage = null;
    socket.onclose = null;
    // Closing a socket that is already dead can take the browser a long time; nobody waits for it.
    if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000, 'reconnecting');
    this.clearConnectionTimers();
    this.heartbeat.stop();
    this.snapshotFetches.clear();
    this.lastProblemSignal.set(reason);
    if (this.wanted) this.scheduleReconnect(serverSaidGoodbye);
    else this.setState('disconnected');
  }

  private scheduleReconnect(serverSaidGoodbye: boolean): void {
    if (!serverSaidGoodbye && this.backoff.attempts >= this.options.maxReconnectAttempts) {
      this.nextAttemptAtSignal.set(null);
      this.setState('disconnected');
      return;
    }
    const delayMs = serverSaidGoodbye
      ? Math.round(this.options.promptReconnectMs * (1 - this.options.jitterRatio * this.options.random()))
      : this.backoff.nextDelayMs();
    this.setState('reconnecting');
    this.nextAttemptAtSignal.set(Date.now() + delayMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, delayMs);
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
