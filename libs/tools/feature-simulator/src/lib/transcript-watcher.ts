import { isServerMessage, type CallInfo, type ServerMessage, type TranscriptSegment } from '@tnt/protocol';
import type WebSocket from 'ws';
import { bearerProtocols } from './gateway-credentials';
import { openSocket, webSocketBase } from './open-socket';

/** What a UI client saw of one call, with arrival times for latency figures. */
export interface WatchedCall {
  readonly callId: string;
  call?: CallInfo;
  /** Final segments in arrival order. */
  readonly finals: TranscriptSegment[];
  /** How many interim segments arrived. */
  interimCount: number;
  /** `performance.now()` when each segment id's first interim and its final arrived. */
  readonly firstInterimAt: Map<string, number>;
  readonly finalAt: Map<string, number>;
}

/**
 * A UI-socket client subscribed to every call that records what arrives, so the simulator can
 * print each call's transcript and benchmarks can time it.
 */
export class TranscriptWatcher {
  private readonly calls = new Map<string, WatchedCall>();
  private readonly endWaiters = new Map<string, () => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as unknown));
  }

  /** Connects to the gateway's UI socket with `token` and subscribes to `'*'`. */
  static async connect(baseUrl: string, token: string): Promise<TranscriptWatcher> {
    const socket = await openSocket(`${webSocketBase(baseUrl)}/ws`, {}, bearerProtocols(token));
    const watcher = new TranscriptWatcher(socket);
    socket.send(JSON.stringify({ type: 'subscribe', callId: '*' }));
    return watcher;
  }

  /** What has been seen of `callId` so far. */
  watched(callId: string): WatchedCall {
    let watched = this.calls.get(callId);
    if (!watched) {
      watched = { callId, finals: [], interimCount: 0, firstInterimAt: new Map(), finalAt: new Map() };
      this.calls.set(callId, watched);
    }
    return watched;
  }

  /** Resolves when the gateway announces that `callId` has ended, or after `timeoutMs`. */
  ended(callId: string, timeoutMs: number): Promise<WatchedCall> {
    const watched = this.watched(callId);
    if (watched.call?.status === 'ended') return Promise.resolve(watched);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`call ${callId} did not end within ${timeoutMs} ms`)), timeoutMs);
      this.endWaiters.set(callId, () => {
        clearTimeout(timer);
        resolve(watched);
      });
    });
  }

  /** Closes the UI connection. */
  close(): void {
    this.socket.close(1000);
  }

  private receive(message: unknown): void {
    if (!isServerMessage(message)) return;
    this.record(message, performance.now());
  }

  private record(message: ServerMessage, now: number): void {
    if (message.type === 'call') {
      const watched = this.watched(message.call.id);
      watched.call = message.call;
      if (message.event === 'ended') this.endWaiters.get(message.call.id)?.();
    } else if (message.type === 'transcript') {
      const watched = this.watched(message.callId);
      const segment = message.transcript;
      if (segment.isFinal) {
        watched.finals.push(segment);
        watched.finalAt.set(segment.id, now);
      } else {
        watched.interimCount++;
        if (!watched.firstInterimAt.has(segment.id)) watched.firstInterimAt.set(segment.id, now);
      }
    }
  }
}
