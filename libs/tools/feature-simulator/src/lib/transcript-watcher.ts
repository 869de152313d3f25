import type { CallInfo, ServerMessage, TranscriptSegment } from '@tnt/protocol';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { webSocketBase } from './open-socket';

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
 * A UI-socket client subscribed to every call that records what arrives for the calls it is asked
 * to watch, so the simulator can print each call's transcript and benchmarks can time it. It holds
 * a call only from {@link watch} until {@link ended} settles, so a long run holds only the calls in progress.
 */
export class TranscriptWatcher {
  private readonly calls = new Map<string, WatchedCall>();
  private readonly endWaiters = new Map<string, () => void>();

  private constructor(private readonly client: ProtocolClient) {
    client.onMessage((message) => this.record(message, performance.now()));
  }

  /** Connects to the gateway's UI socket with `token` and subscribes to `'*'`. */
  static async connect(baseUrl: string, token: string): Promise<TranscriptWatcher> {
    const client = await ProtocolClient.connect(`${webSocketBase(baseUrl)}/ws`, { token });
    const watcher = new TranscriptWatcher(client);
    await client.subscribe('*');
    return watcher;
  }

  /** How many calls the watcher holds now: those watched and not yet ended. */
  get watchedCalls(): number {
    return this.calls.size;
  }

  /** Starts recording `callId` (before its audio is sent, so nothing of it is missed); returns what is seen so far. */
  watch(callId: string): WatchedCall {
    let watched = this.calls.get(callId);
    if (!watched) {
      watched = { callId, finals: [], interimCount: 0, firstInterimAt: new Map(), finalAt: new Map() };
      this.calls.set(callId, watched);
    }
    return watched;
  }

  /**
   * Resolves when the gateway announces that `callId` has ended, or rejects after `timeoutMs`;
   * either way the watcher then lets go of the call.
   */
  ended(callId: string, timeoutMs: number): Promise<WatchedCall> {
    const watched = this.watch(callId);
    const forget = () => {
      this.calls.delete(callId);
      this.endWaiters.delete(callId);
    };
    if (watched.call?.status === 'ended') {
      forget();
      return Promise.resolve(watched);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        forget();
        reject(new Error(`call ${callId} did not end within ${timeoutMs} ms`));
      }, timeoutMs);
      this.endWaiters.set(callId, () => {
        clearTimeout(timer);
        forget();
        resolve(watched);
      });
    });
  }

  /** Stops recording `callId` (a call the gateway refused): nothing of it is held any more. */
  forget(callId: string): void {
    this.calls.delete(callId);
    this.endWaiters.delete(callId);
  }

  /** Closes the UI connection. */
  async close(): Promise<void> {
    await this.client.close();
  }

  private record(message: ServerMessage, now: number): void {
    if (message.type === 'call') {
      const watched = this.calls.get(message.call.id);
      if (!watched) return;
      watched.call = message.call;
      if (message.event === 'ended') this.endWaiters.get(message.call.id)?.();
    } else if (message.type === 'transcript') {
      const watched = this.calls.get(message.callId);
      if (!watched) return;
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
