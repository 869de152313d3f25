/**
 * Baseline (b) of the transport benchmark, run as its own process: Socket.IO 4 with rooms, one
 * room per call plus one room for every call. A subscriber joins `call:<id>` or the all-calls
 * room; each message is emitted once to the union of both rooms (Socket.IO encodes it once and
 * sends it to each socket once).
 */
import { ALL_CALLS, type TranscriptMessage } from '@tnt/protocol';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveCommands } from './serve-commands';
import { TimerPublisher, type PublishPlan } from './timer-publisher';

/** The room of `'*'` subscribers. */
const ALL_CALLS_ROOM = 'all-calls';

const server = createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });

io.on('connection', (socket) => {
  socket.on('subscribe', (request: { callId?: unknown }, acknowledge?: (answer: unknown) => void) => {
    if (typeof request?.callId !== 'string') {
      acknowledge?.({ error: 'callId must be a string' });
      return;
    }
    void socket.join(request.callId === ALL_CALLS ? ALL_CALLS_ROOM : `call:${request.callId}`);
    acknowledge?.({ type: 'subscribed', callId: request.callId });
  });
});

const publisher = new TimerPublisher((callId: string, message: TranscriptMessage) =>
  io.to(ALL_CALLS_ROOM).to(`call:${callId}`).emit('transcript', message),
);

serveCommands({
  listen: () =>
    new Promise<{ port: number }>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port }));
    }),
  startPublishing: (plan: PublishPlan) => publisher.start(plan),
  stopPublishing: () => publisher.stop(),
});
