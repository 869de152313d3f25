import { Inject } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { AudioHookContinuations } from './audiohook-continuations';
import { AudioHookSession } from './audiohook-session';
import { IngestConnections } from './ingest-connections';
import type { IngestSession } from './ingest-session';
import { L16Session } from './l16-session';
import { TwilioMediaSession } from './twilio-media-session';

/** What every ingest gateway does with a new socket: a session of its protocol, served by {@link IngestConnections}. */
abstract class IngestGateway implements OnGatewayConnection {
  /** Names the endpoint in logs and metrics. */
  protected abstract readonly endpoint: string;

  constructor(
    protected readonly transcription: TranscriptionService,
    private readonly connections: IngestConnections,
    @Inject(TNT_CONFIG) protected readonly config: TntConfig,
  ) {}

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.connections.serve(socket, this.session(socket, request), this.endpoint, request.socket.remoteAddress ?? 'unknown');
  }

  /** The session of this endpoint's protocol for one connection. */
  protected abstract session(socket: WebSocket, request: IncomingMessage): IngestSession;
}

/** Twilio Media Streams ingest at `/ingest/twilio`. */
@WebSocketGateway({ path: '/ingest/twilio' })
export class TwilioIngestGateway extends IngestGateway {
  protected readonly endpoint = 'twilio';

  protected session(): IngestSession {
    return new TwilioMediaSession(this.transcription, this.config.maxJsonDepth);
  }
}

/** Linear-16 ingest (jambonz `listen`, FreeSWITCH `mod_audio_fork`) at `/ingest/l16`. */
@WebSocketGateway({ path: '/ingest/l16' })
export class L16IngestGateway extends IngestGateway {
  protected readonly endpoint = 'l16';

  protected session(): IngestSession {
    return new L16Session(this.transcription, this.config.maxJsonDepth);
  }
}

/** The upgrade's `name` header (checked by the upgrade authenticator before the socket opened). */
function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Genesys Cloud AudioHook Monitor at `/ingest/audiohook`. */
@WebSocketGateway({ path: '/ingest/audiohook' })
export class AudioHookIngestGateway extends IngestGateway {
  protected readonly endpoint = 'audiohook';

  constructor(
    transcription: TranscriptionService,
    connections: IngestConnections,
    @Inject(TNT_CONFIG) config: TntConfig,
    private readonly continuations: AudioHookContinuations,
  ) {
    super(transcription, connections, config);
  }

  protected session(socket: WebSocket, request: IncomingMessage): IngestSession {
    const headers = {
      sessionId: header(request, 'audiohook-session-id'),
      organizationId: header(request, 'audiohook-organization-id'),
      correlationId: header(request, 'audiohook-correlation-id'),
    };
    return new AudioHookSession(this.transcription, this.config, socket, headers, this.continuations);
  }
}
