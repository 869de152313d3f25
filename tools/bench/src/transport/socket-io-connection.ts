import type { TranscriptMessage } from '@tnt/protocol';
import { io, type Socket } from 'socket.io-client';
import { LoadConnection, type SubscriptionRequest } from './load-connection';

/**
 * A load connection for the Socket.IO baseline: the official client over the WebSocket
 * transport only (no long-polling upgrade), one Manager per connection.
 */
export class SocketIoConnection extends LoadConnection {
  private socket: Socket | undefined;

  open(timeoutMs: number): Promise<number> {
    const startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const socket = io(this.url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
      this.socket = socket;
      socket.once('connect', () => resolve(performance.now() - startedAt));
      socket.once('connect_error', (error) => reject(error));
      socket.on('transcript', (message: TranscriptMessage) =>
        // Socket.IO hands over the parsed object; its size on the wire is the JSON plus the packet prefix.
        this.onTranscript(message.callId, message.seq, message.transcript.timestamp, 0),
      );
      socket.on('disconnect', (reason) => {
        this.closure = { code: reason === 'io client disconnect' ? 1000 : 1006, reason, at: performance.now() };
      });
    });
  }

  async subscribe(request: SubscriptionRequest, timeoutMs: number): Promise<void> {
    if (!this.socket) throw new Error('subscribe before open');
    this.watched.add(request.callId);
    const answer = (await this.socket.timeout(timeoutMs).emitWithAck('subscribe', { callId: request.callId })) as { error?: string };
    if (answer.error) throw new Error(`subscribe ${request.callId}: ${answer.error}`);
  }

  pause(): void {
    throw new Error('the slow-consumer case is not run against the Socket.IO baseline');
  }

  close(): Promise<void> {
    this.socket?.disconnect();
    return Promise.resolve();
  }
}
