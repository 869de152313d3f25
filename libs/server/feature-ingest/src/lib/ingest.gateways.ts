import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { AudioHookSession } from './audiohook-session';
import { IngestConnections } from './ingest-connections';
import { L16Session } from './l16-session';
import { TwilioMediaSession } from './twilio-media-session';

/** Twilio Media Streams ingest at `/ingest/twilio`. */
@WebSocketGateway({ path: '/ingest/twilio' })
export class TwilioIngestGateway implements OnGatewayConnection {
  constructor(
    private readonly transcription: TranscriptionService,
    private readonly connections: IngestConnections,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const session = new TwilioMediaSession(this.transcription, this.config.maxJsonDepth);
    this.connections.serve(socket, session, 'twilio', request.socket.remoteAddress ?? 'unknown');
  }
}

/** Linear-16 ingest (jambonz `listen`, FreeSWITCH `mod_audio_fork`) at `/ingest/l16`. */
@WebSocketGateway({ path: '/ingest/l16' })
export class L16IngestGateway implements OnGatewayConnection {
  constructor(
    private readonly transcription: TranscriptionService,
    private readonly connections: IngestConnections,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const session = new L16Session(this.transcription, this.config.maxJsonDepth);
    this.connections.serve(socket, session, 'l16', request.socket.remoteAddress ?? 'unknown');
  }
}

/** The upgrade's `name` header (checked by the upgrade authenticator before the socket opened). */
function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Genesys Cloud AudioHook Monitor at `/ingest/audiohook`. */
@WebSocketGateway({ path: '/ingest/audiohook' })
export class AudioHookIngestGateway implements OnGatewayConnection {
  constructor(
    private readonly transcription: TranscriptionService,
    private readonly connections: IngestConnections,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const session = new AudioHookSession(this.transcription, this.config, socket, {
      sessionId: header(request, 'audiohook-session-id'),
      organizationId: header(request, 'audiohook-organization-id'),
      correlationId: header(request, 'audiohook-correlation-id'),
    });
    this.connections.serve(socket, session, 'audiohook', request.socket.remoteAddress ?? 'unknown');
  }
}
