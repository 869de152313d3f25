import { Inject, Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import { PROTOCOL_VERSION, TntError, UI_SOCKET_PATH } from '@tnt/protocol';
import { CallSessionService } from '@tnt/server/feature-sessions';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { SocketExceptionFilter } from '@tnt/server/util-errors';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { ClientConnection } from './client-connection';
import { ConnectionRegistry } from './connection-registry';
import { REJECTED_FRAME_EVENT } from './frame-parser';
import { PingDto, SubscribeDto, UnsubscribeDto } from './inbound-messages.dto';

/**
 * The UI socket at `/ws`: frames arrive parsed and validated by `TntWsAdapter`; this routes them
 * and the session service decides.
 */
@WebSocketGateway({ path: UI_SOCKET_PATH })
@UseFilters(SocketExceptionFilter)
export class TranscriptGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(TranscriptGateway.name);

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly sessions: CallSessionService,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection = this.connections.add(socket, request);
    this.logger.debug?.({ msg: 'UI connection opened', connectionId: connection.id, remoteAddress: connection.remoteAddress });
    connection.send({
      type: 'status',
      status: 'connected',
      protocolVersion: PROTOCOL_VERSION,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      connectionId: connection.id,
      serverTime: new Date().toISOString(),
    });
  }

  handleDisconnect(socket: WebSocket): void {
    const connection = this.connections.remove(socket);
    if (!connection) return;
    this.sessions.unsubscribeAll(connection);
    this.logger.debug?.({ msg: 'UI connection closed', connectionId: connection.id });
  }

  @SubscribeMessage('ping')
  ping(@ConnectedSocket() socket: WebSocket, @MessageBody() body: PingDto): void {
    this.connectionOf(socket).send({
      type: 'pong',
      ...(body.id !== undefined ? { id: body.id } : {}),
      serverTime: new Date().toISOString(),
    });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() body: SubscribeDto): Promise<void> {
    const connection = this.connectionOf(socket);
    const overLimit = connection.subscriptions.admit(body.callId);
    if (overLimit) throw overLimit;
    let start;
    try {
      start = await this.sessions.subscribe(connection, body.callId, body.since);
    } catch (error) {
      connection.subscriptions.release(body.callId);
      throw error;
    }
    // The acknowledgement and catch-up first, then the live events held while they were read
    // (CallSessionService.subscribe: subscribe, catch up, then go live), with nothing in between.
    connection.send(start.acknowledgement);
    for (const message of start.catchUp) connection.send(message);
    start.goLive();
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() body: UnsubscribeDto): void {
    const connection = this.connectionOf(socket);
    this.sessions.unsubscribe(connection, body.callId);
    connection.subscriptions.release(body.callId);
    connection.send({ type: 'unsubscribed', callId: body.callId });
  }

  /** Frames the parser refused arrive here so that each gets an answer. */
  @SubscribeMessage(REJECTED_FRAME_EVENT)
  rejectFrame(@MessageBody() error: TntError): void {
    throw error;
  }

  private connectionOf(socket: WebSocket): ClientConnection {
    const connection = this.connections.get(socket);
    if (!connection) throw new Error('message from a socket that is not registered');
    return connection;
  }
}
