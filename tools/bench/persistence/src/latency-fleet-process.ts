/**
 * The benchmark's client process: real `ws` clients of the gateway's UI socket, on the other core
 * than the gateway. Each parses every message as the dashboard does and records the publish →
 * receive time of transcripts (from `annotations.sentAt`) and any gap or duplicate in `seq`.
 */
import { isServerMessage, type ServerMessage } from '@tnt/protocol';
import WebSocket from 'ws';
import type { FleetPlan, FleetReply, FleetReport, FleetRequest } from './fleet-protocol';
import { preciseNow, summarizeLatencies } from './latency-summary';

let sockets: WebSocket[] = [];
let latencies: number[] = [];
let received = 0;
let gaps = 0;
let duplicates = 0;
const closedByCode: Record<string, number> = {};

/** A socket's message handler: counts, latency and `seq` accounting per call. */
function tracker(): (message: ServerMessage) => void {
  const lastSeqOfCall = new Map<string, number>();
  return (message) => {
    if (message.type !== 'transcript' && message.type !== 'call') return;
    const callId = message.type === 'call' ? message.call.id : message.callId;
    const last = lastSeqOfCall.get(callId);
    if (last !== undefined && message.seq > last + 1) gaps++;
    if (last !== undefined && message.seq <= last) duplicates++;
    lastSeqOfCall.set(callId, Math.max(last ?? 0, message.seq));
    if (message.type !== 'transcript') return;
    received++;
    const sentAt = message.transcript.annotations?.['sentAt'];
    if (typeof sentAt === 'number') latencies.push(preciseNow() - sentAt);
  };
}

function openSocket(url: string, callId: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const onMessage = tracker();
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(data.toString());
      if (!isServerMessage(message)) throw new Error(`malformed message: ${data.toString().slice(0, 200)}`);
      if (message.type === 'status' && message.status === 'connected') socket.send(JSON.stringify({ type: 'subscribe', callId }));
      else if (message.type === 'subscribed') resolve(socket);
      else if (message.type === 'error') reject(new Error(`subscribe ${callId}: ${message.code} ${message.message}`));
      else onMessage(message);
    });
    socket.once('error', reject);
    socket.once('close', (code) => (closedByCode[code] = (closedByCode[code] ?? 0) + 1));
  });
}

async function open(plan: FleetPlan): Promise<number> {
  const targets = [...Array.from({ length: plan.supervisors }, () => '*'), ...plan.callIds];
  sockets = [];
  for (let start = 0; start < targets.length; start += 50) {
    sockets.push(...(await Promise.all(targets.slice(start, start + 50).map((callId) => openSocket(plan.url, callId)))));
  }
  return sockets.length;
}

function report(): FleetReport {
  return { latency: summarizeLatencies(latencies), received, gaps, duplicates, closedByCode: { ...closedByCode } };
}

function reset(): void {
  latencies = [];
  received = 0;
  gaps = 0;
  duplicates = 0;
  for (const code of Object.keys(closedByCode)) delete closedByCode[code];
}

async function close(): Promise<void> {
  await Promise.all(
    sockets.map((socket) =>
      socket.readyState === WebSocket.CLOSED
        ? undefined
        : new Promise<void>((resolve) => (socket.once('close', () => resolve()), socket.close(1000))),
    ),
  );
  sockets = [];
}

const handlers: Record<FleetRequest['command'], (request: FleetRequest) => unknown> = {
  open: (request) => open((request as Extract<FleetRequest, { command: 'open' }>).plan),
  reset,
  report,
  close,
};

if (!process.send) throw new Error('latency-fleet-process runs as a child of the persistence benchmark');
process.on('message', (request: FleetRequest) => {
  const reply = (answer: Omit<FleetReply, 'id'>) => process.send?.({ id: request.id, ...answer } satisfies FleetReply);
  Promise.resolve()
    .then(() => handlers[request.command](request))
    .then(
      (result) => reply({ result: result ?? null }),
      (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
process.on('disconnect', () => process.exit(0));
