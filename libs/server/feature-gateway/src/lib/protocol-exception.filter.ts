import { Catch, Logger, type ArgumentsHost, type WsExceptionFilter } from '@nestjs/common';
import { CallSessionError } from '@tnt/server/feature-sessions';
import type { WebSocket } from 'ws';
import { ConnectionRegistry } from './connection-registry';
import { internalError, ProtocolError } from './protocol-error';

/**
 * Answers every failure in a UI-socket handler with an `error` message on that connection
 * (Nest's default would not reach a raw `ws` client), logs it with the connection id, and keeps
 * the connection open unless the error asks for a close.
 */
@Catch()
export class ProtocolExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger('UiSocket');

  constructor(private readonly connections: ConnectionRegistry) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<WebSocket>();
    const connection = this.connections.get(socket);
    const connectionId = connection?.id ?? 'unregistered';
    const error = this.toProtocolError(exception, connectionId);
    this.logger.warn({ msg: `${error.code}: ${error.message}`, connectionId, code: error.code, callId: error.callId });
    connection?.send(error.toMessage());
    if (error.closeCode !== undefined) socket.close(error.closeCode, error.code);
  }

  private toProtocolError(exception: unknown, connectionId: string): ProtocolError {
    if (exception instanceof ProtocolError) return exception;
    if (exception instanceof CallSessionError) {
      return new ProtocolError(exception.code, exception.message, undefined, exception.callId);
    }
    this.logger.error(
      `connection ${connectionId}: unexpected failure: ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return internalError(connectionId);
  }
}
