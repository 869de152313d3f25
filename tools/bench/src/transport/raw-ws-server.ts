/**
 * Baseline (a) of the transport benchmark, run as its own process: the least a Node + `ws`
 * server can do for TnT's routing. It speaks the subset of the UI protocol the load clients use
 * (`status: connected`, `subscribe {callId | '*'}` → `subscribed`), serialises each message once
 * and sends the same string to everyone subscribed to the call or to `'*'`, once each.
 */
import { ALL_CALLS, PROTOCOL_VERSION, UI_SOCKET_PATH, type ConnectedStatusMessage, type TranscriptMessage } from '@tnt/protocol';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveCommands } from './serve-commands';
import { TimerPublisher, type PublishPlan } from './timer-publisher';

const everyCall = new Set<WebSocket>();
const byCall = new Map<string, Set<WebSocket>>();
const server = createServer();
const sockets = new WebSocketServer({ server, path: UI_SOCKET_PATH });

sockets.on('connection', (socket) => {
  // A complete `connected` greeting (the protocol's CONNECTED_STATUS), so any client reading this baseline accepts it.
  const greeting: ConnectedStatusMessage = {
    type: 'status',
    status: 'connected',
    protocolVersion: PROTOCOL_VERSION,
    heartbeatIntervalMs: 30_000,
    connectionId: 'raw-baseline',
    serverTime: new Date().toISOString(),
  };
  socket.send(JSON.stringify(greeting));
  socket.on('message', (data: Buffer) => {
    const request = JSON.parse(data.toString()) as { type?: string; callId?: string };
    if (request.type !== 'subscribe' || typeof request.callId !== 'string') {
      socket.send(
        JSON.stringify({
          type: 'error',
          code: 'UNKNOWN_MESSAGE_TYPE',
          message: `the baseline only serves subscribe`,
          timestamp: new Date().toISOString(),
        }),
      );
      return;
    }
    if (request.callId === ALL_CALLS) everyCall.add(socket);
    else {
      let subscribers = byCall.get(request.callId);
      if (!subscribers) byCall.set(request.callId, (subscribers = new Set()));
      subscribers.add(socket);
    }
    socket.send(JSON.stringify({ type: 'subscribed', callId: request.callId }));
  });
  socket.on('close', () => {
    everyCall.delete(socket);
    for (const subscribers of byCall.values()) subscribers.delete(socket);
  });
  socket.on('error', (error) => console.error(`raw ws baseline: socket error: ${error.message}`));
});

function broadcast(callId: string, message: TranscriptMessage): void {
  const json = JSON.stringify(message);
  for (const socket of everyCall) socket.send(json);
  for (const socket of byCall.get(callId) ?? []) {
    if (!everyCall.has(socket)) socket.send(json);
  }
}

const publisher = new TimerPublisher(broadcast);

serveCommands({
  listen: () =>
    new Promise<{ port: number }>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port }));
    }),
  startPublishing: (plan: PublishPlan) => publisher.start(plan),
  stopPublishing: () => publisher.stop(),
});
