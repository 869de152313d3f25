import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { TntConfig } from '@tnt/server/util-config';
import { MessageFloodGuard } from '@tnt/server/util-rate-limit';
import { EMPTY, type Observable } from 'rxjs';
import type { ServerOptions, WebSocket } from 'ws';
import { parseFrame, REJECTED_FRAME_EVENT } from './frame-parser';

/** How far past the frame limit `ws` itself still reads before cutting the connection (1009). */
const HARD_LIMIT_FACTOR = 4;

/** Extra `ws` server options per path: upgrade checks, subprotocol choice, frame limit. */
export type SocketOptionsForPath = (path: string) => Partial<ServerOptions>;

type Handlers = Parameters<WsAdapter['bindMessageHandler']>[1];
type Transform = Parameters<WsAdapter['bindMessageHandler']>[2];

/**
 * `WsAdapter` speaking TnT's `{type, …}` frames: every frame is routed (rejected ones to a
 * handler that answers with an `error`), and frames over the limit are answered before the close.
 */
export class TntWsAdapter extends WsAdapter {
  private readonly floodGuards = new WeakMap<WebSocket, MessageFloodGuard>();

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<TntConfig, 'maxFrameBytes' | 'maxJsonDepth' | 'wsMessagesPerSecond' | 'wsMessageBurst'>,
    private readonly socketOptionsFor: SocketOptionsForPath,
  ) {
    super(app, { messageParser: (frame) => parseFrame(frame, config.maxFrameBytes, config.maxJsonDepth) });
  }

  override bindMessageHandlers(...args: Parameters<WsAdapter['bindMessageHandlers']>): void {
    const [client, handlers] = args;
    if (handlers.length === 0) return;
    this.floodGuards.set(
      client as WebSocket,
      new MessageFloodGuard({ messagesPerSecond: this.config.wsMessagesPerSecond, burst: this.config.wsMessageBurst }),
    );
    super.bindMessageHandlers(...args);
  }

  override bindMessageHandler(event: { data: unknown; target: WebSocket }, handlers: Handlers, transform: Transform): Observable<unknown> {
    const decision = this.floodGuards.get(event.target)?.admit();
    if (decision === undefined || decision.kind === 'accept') return super.bindMessageHandler(event, handlers, transform);
    if (decision.kind === 'reject' && !decision.notify) return EMPTY;
    const rejectedFrame = handlers.get(REJECTED_FRAME_EVENT);
    if (!rejectedFrame) return EMPTY;
    return transform(rejectedFrame.callback(decision.error, REJECTED_FRAME_EVENT));
  }

  override create(port: number, options: Record<string, unknown> & { path?: string }): ReturnType<WsAdapter['create']> {
    const guarded = options.path !== undefined ? this.socketOptionsFor(options.path) : {};
    return super.create(port, { maxPayload: this.config.maxFrameBytes * HARD_LIMIT_FACTOR, ...guarded, ...options });
  }
}
