import { InjectionToken, type Provider } from '@angular/core';
import { UI_SOCKET_PATH } from '@tnt/protocol';

/** Everything {@link TranscriptSocketService} can be tuned with; every field has a default. */
export interface TranscriptSocketOptions {
  /** `ws://` or `wss://` URL of the UI socket. Default: this page's host at `/ws`. */
  readonly url: string;
  /** The first waits before reconnect attempts (ADR-002: 1 s, 2 s, 4 s); after them the waits use full jitter up to `maxBackoffMs`. */
  readonly backoffMs: readonly number[];
  /** Up to this share of each of the first waits is taken off at random, so clients do not return in lockstep. */
  readonly jitterRatio: number;
  /** The longest wait between attempts once the first steps are used up; the socket never stops trying. Default 30 s. */
  readonly maxBackoffMs: number;
  /** Wait before reconnecting after the server said `disconnecting` (it is going away on purpose). */
  readonly promptReconnectMs: number;
  /** A connection that stays up this long resets the backoff to its first step. */
  readonly stableAfterMs: number;
  /** Ping interval until the server's greeting announces its own `heartbeatIntervalMs`. */
  readonly heartbeatIntervalMs: number;
  /** A `ping` not answered by `pong` within this time marks the connection dead. */
  readonly pongTimeoutMs: number;
  /** A socket that has not opened and been greeted within this time is given up. */
  readonly greetingTimeoutMs: number;
  /** Source of randomness for the jitter, in [0, 1). */
  readonly random: () => number;
  /** The clock (epoch ms) for when the next attempt starts. */
  readonly now: () => number;
  /** Opens a socket offering `protocols` (the token); the browser's native `WebSocket` unless replaced. */
  readonly createWebSocket: (url: string, protocols?: string[]) => WebSocket;
}

/** Options given to {@link provideTranscriptSocket}; the rest take their defaults. */
export const TRANSCRIPT_SOCKET_OPTIONS = new InjectionToken<Partial<TranscriptSocketOptions>>('TRANSCRIPT_SOCKET_OPTIONS');

/** The UI socket URL on the host that served the page (`wss:` when the page came over https). */
export function sameOriginSocketUrl(location: Pick<Location, 'protocol' | 'host'> = globalThis.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${UI_SOCKET_PATH}`;
}

/** The options with every missing field set to its default. */
export function resolveSocketOptions(options: Partial<TranscriptSocketOptions> = {}): TranscriptSocketOptions {
  return {
    url: options.url ?? sameOriginSocketUrl(),
    backoffMs: options.backoffMs ?? [1000, 2000, 4000],
    jitterRatio: options.jitterRatio ?? 0.25,
    promptReconnectMs: options.promptReconnectMs ?? 250,
    stableAfterMs: options.stableAfterMs ?? 10_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
    greetingTimeoutMs: options.greetingTimeoutMs ?? 10_000,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    createWebSocket: options.createWebSocket ?? ((url, protocols) => new WebSocket(url, protocols)),
  };
}

/** Provides the socket's options, e.g. `provideTranscriptSocket({ url: 'ws://localhost:3000/ws' })`. */
export function provideTranscriptSocket(options: Partial<TranscriptSocketOptions> = {}): Provider {
  return { provide: TRANSCRIPT_SOCKET_OPTIONS, useValue: options };
}
