import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { parseFrame } from './frame-parser';

/** How far past the frame limit `ws` itself still reads before cutting the connection (1009). */
const HARD_LIMIT_FACTOR = 4;

/**
 * `WsAdapter` speaking TnT's `{type, …}` frames: every frame is routed (rejected ones to a
 * handler that answers with an `error`), and frames over the limit are answered before the close.
 * `ws` reads at most {@link HARD_LIMIT_FACTOR} × the limit; beyond that it closes with 1009 alone.
 */
export class TntWsAdapter extends WsAdapter {
  constructor(app: INestApplicationContext, private readonly maxFrameBytes: number) {
    super(app, { messageParser: (frame) => parseFrame(frame, maxFrameBytes) });
  }

  /**
   * Gateways without message handlers (the audio ingest endpoints) read their sockets
   * themselves, binary frames included; parsing their frames as UI messages would only waste work.
   */
  override bindMessageHandlers(...args: Parameters<WsAdapter['bindMessageHandlers']>): void {
    const [, handlers] = args;
    if (handlers.length === 0) return;
    super.bindMessageHandlers(...args);
  }

  override create(port: number, options: Record<string, unknown> & { path?: string }): ReturnType<WsAdapter['create']> {
    return super.create(port, { maxPayload: this.maxFrameBytes * HARD_LIMIT_FACTOR, ...options });
  }
}
