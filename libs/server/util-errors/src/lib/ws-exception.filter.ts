import { Catch, Inject, Logger, type ArgumentsHost, type WsExceptionFilter } from '@nestjs/common';
import { ERROR_CODES, TntError, type ErrorMessage } from '@tnt/protocol';
import type { WebSocket } from 'ws';

/**
 * How the WebSocket filter reaches a client: the gateway that owns the sockets provides it, so the
 * error is queued in order with the connection's other messages rather than written around them.
 */
export interface SocketErrorChannel {
  /** The id of the connection on `socket` (for logs), `undefined` when it is not registered. */
  connectionIdOf(socket: WebSocket): string | undefined;
  /** Sends `message` on the connection of `socket`. */
  sendError(socket: WebSocket, message: ErrorMessage): void;
}

/** Injection token of the {@link SocketErrorChannel} the WebSocket filter uses. */
export const SOCKET_ERROR_CHANNEL = Symbol('SOCKET_ERROR_CHANNEL');

/**
 * The one WebSocket exception filter: answers every failure of a socket handler with an `error`
 * message on that connection (Nest's default would not reach a raw `ws` client), logs it with the
 * connection id, and closes the connection only when the error carries a close code.
 */
@Catch()
export class SocketExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger('UiSocket');

  constructor(@Inject(SOCKET_ERROR_CHANNEL) private readonly channel: SocketErrorChannel) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<WebSocket>();
    const connectionId = this.channel.connectionIdOf(socket) ?? 'unregistered';
    const error = this.toTntError(exception, connectionId);
    this.logger.warn({ msg: `${error.code}: ${error.message}`, connectionId, code: error.code, callId: error.callId });
    this.channel.sendError(socket, error.toMessage());
    if (error.closeCode !== undefined) socket.close(error.closeCode, error.code);
  }

  private toTntError(exception: unknown, connectionId: string): TntError {
    if (exception instanceof TntError) return exception;
    const detail = exception instanceof Error ? exception.stack : String(exception);
    this.logger.error(`connection ${connectionId}: unexpected failure: ${detail}`);
    return new TntError(ERROR_CODES.INTERNAL_ERROR, `the server failed to handle the message (connection ${connectionId})`);
  }
}
