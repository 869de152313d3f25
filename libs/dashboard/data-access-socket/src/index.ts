export { provideTranscriptSocket, type TranscriptSocketOptions } from './lib/socket-options';
export { type SessionEndReason, SOCKET_CREDENTIALS, type SocketCredentials, type TokenStatus } from './lib/socket-credentials';
export { type ReleaseWatch, type ServerMessageOf, TranscriptSocketService } from './lib/transcript-socket.service';
