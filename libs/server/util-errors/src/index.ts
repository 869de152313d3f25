export { HttpExceptionFilter } from './lib/http-exception.filter';
export { SOCKET_ERROR_CHANNEL, SocketExceptionFilter, type SocketErrorChannel } from './lib/ws-exception.filter';
