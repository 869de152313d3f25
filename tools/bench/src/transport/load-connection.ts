import { DeliveryTracker } from './delivery-tracker';
import type { ReceptionWindows } from './reception-window';

/** The client library a load connection speaks: TnT's UI protocol over `ws`, or Socket.IO 4. */
export type ClientProtocol = 'tnt' | 'socket.io';

/** One subscription a connection makes, optionally replaying a call's events after `since`. */
export interface SubscriptionRequest {
  readonly callId: string;
  readonly since?: number;
}

/** How a connection ended, if it did. */
export interface ConnectionClosure {
  readonly code: number;
  readonly reason: string;
  /** `performance.now()` of the client process when it closed. */
  readonly at: number;
}

/** What every connection of a client process shares. */
export interface ReceptionContext {
  readonly windows: ReceptionWindows;
  /** The `seq` of each call's `ended` event, as seen by any connection of the process. */
  readonly endedSeqs: Map<string, number>;
}

/**
 * One simulated dashboard: it connects, subscribes, and counts what arrives. Measured
 * connections add latencies to the process's window; slow ones (`measured: false`) only count.
 */
export abstract class LoadConnection {
  readonly tracker = new DeliveryTracker();
  readonly watched = new Set<string>();
  closure: ConnectionClosure | undefined;
  /** Set when the connection stopped reading on purpose. */
  paused = false;

  constructor(
    protected readonly url: string,
    protected readonly context: ReceptionContext,
    readonly measured: boolean,
  ) {}

  /** Connects; resolves with the ms from starting to connect to the server's `connected`. */
  abstract open(timeoutMs: number): Promise<number>;

  /** Subscribes; resolves when the server acknowledged. */
  abstract subscribe(request: SubscriptionRequest, timeoutMs: number): Promise<void>;

  /** Stops reading from the socket, so the server's messages pile up (a slow consumer). */
  abstract pause(): void;

  /** Closes normally; resolves once closed. */
  abstract close(): Promise<void>;

  /** True when the connection watches `callId` (directly or through `'*'`). */
  watches(callId: string): boolean {
    return this.watched.has('*') || this.watched.has(callId);
  }

  /** Handles one transcript message. */
  protected onTranscript(callId: string, seq: number, publishedAt: string, bytes: number): void {
    this.tracker.received(callId, seq);
    if (this.measured) this.context.windows.transcript(publishedAt, bytes);
  }

  /** Handles one call event (`started`, `updated`, `ended`); they carry `seq` but no publish time. */
  protected onCallEvent(callId: string, seq: number, ended: boolean): void {
    this.tracker.received(callId, seq);
    if (ended) this.context.endedSeqs.set(callId, Math.max(seq, this.context.endedSeqs.get(callId) ?? 0));
  }
}
