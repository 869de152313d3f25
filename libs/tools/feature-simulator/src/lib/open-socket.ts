import WebSocket from 'ws';
import { UpgradeRefused } from './upgrade-refused';

/**
 * Opens a WebSocket and resolves once it is open; rejects with the server's answer otherwise
 * ({@link UpgradeRefused} when it answered the upgrade with an HTTP status).
 */
export function openSocket(url: string, options: WebSocket.ClientOptions = {}, protocols?: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = protocols ? new WebSocket(url, protocols, options) : new WebSocket(url, options);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => {
      reject(new UpgradeRefused(url, response.statusCode ?? 0));
      // With this listener ws leaves the refused handshake open: drain the answer and drop the socket.
      response.resume();
      socket.terminate();
    });
  });
}

/** Resolves with the close code once `socket` has closed. */
export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** The WebSocket base (`ws://host:port`) of an HTTP base URL. */
export function webSocketBase(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws').replace(/\/$/, '');
}
