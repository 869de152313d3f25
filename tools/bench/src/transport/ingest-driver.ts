/**
 * Feeds TnT's real input for the transport benchmark, run as its own process: one `/ingest/l16`
 * connection per call (8 kHz stereo 16-bit silence; the scripted engine paces its segments by the
 * audio it receives, not by what it hears), each call sending a frame every {@link FRAME_WALL_MS}
 * carrying `speed` × that much audio.
 */
import WebSocket from 'ws';
import { serveCommands } from './serve-commands';

/** Wall-clock time between two frames of one call. */
const FRAME_WALL_MS = 100;
const SAMPLE_RATE = 8000;
const BYTES_PER_STEREO_SAMPLE = 4;

/** The calls to stream and how. */
export interface IngestPlan {
  readonly baseUrl: string;
  readonly calls: readonly { readonly callId: string; readonly agentId: string }[];
  /** Audio seconds sent per wall-clock second. */
  readonly speed: number;
  /** Each call starts at a random moment within this. */
  readonly staggerMs: number;
}

/** What the driver sent, once the calls are closed. */
export interface IngestTotals {
  readonly frames: number;
  readonly bytes: number;
  readonly audioSeconds: number;
}

interface StreamingCall {
  readonly socket: WebSocket;
  readonly startedAt: number;
  samplesSent: number;
}

const calls: StreamingCall[] = [];
const totals = { frames: 0, bytes: 0 };
let speed = 1;
let timer: NodeJS.Timeout | undefined;
let silence = Buffer.alloc(0);

function openCall(baseUrl: string, callId: string, agentId: string): Promise<StreamingCall> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ingest/l16`);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`ingest answered HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(JSON.stringify({ callId, agentId, sampleRate: SAMPLE_RATE, mixType: 'stereo' }));
      socket.on('close', (code, reason) => {
        if (code !== 1000 && code !== 1005) console.error(`ingest closed call ${callId} with ${code} ${reason.toString()}`);
      });
      resolve({ socket, startedAt: performance.now(), samplesSent: 0 });
    });
  });
}

/** Sends each call the audio its clock is due, at most one frame per call per tick. */
function sendDueAudio(): void {
  const now = performance.now();
  for (const call of calls) {
    if (call.socket.readyState !== WebSocket.OPEN) continue;
    const dueSamples = Math.floor((((now - call.startedAt) * speed) / 1000) * SAMPLE_RATE);
    const samples = dueSamples - call.samplesSent;
    if (samples < (SAMPLE_RATE * FRAME_WALL_MS * speed) / 1000) continue;
    const bytes = samples * BYTES_PER_STEREO_SAMPLE;
    if (silence.length < bytes) silence = Buffer.alloc(bytes * 2);
    call.socket.send(silence.subarray(0, bytes));
    call.samplesSent += samples;
    totals.frames++;
    totals.bytes += bytes;
  }
}

async function start(plan: IngestPlan): Promise<void> {
  speed = plan.speed;
  timer ??= setInterval(sendDueAudio, 10);
  await Promise.all(
    plan.calls.map(async ({ callId, agentId }) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * plan.staggerMs));
      calls.push(await openCall(plan.baseUrl, callId, agentId));
    }),
  );
}

async function stop(): Promise<IngestTotals> {
  clearInterval(timer);
  timer = undefined;
  const closing = calls.splice(0).map(
    (call) =>
      new Promise<void>((resolve) => {
        if (call.socket.readyState === WebSocket.CLOSED) return resolve();
        call.socket.once('close', () => resolve());
        call.socket.close(1000, 'call completed');
      }),
  );
  await Promise.all(closing);
  const result = { frames: totals.frames, bytes: totals.bytes, audioSeconds: totals.bytes / BYTES_PER_STEREO_SAMPLE / SAMPLE_RATE };
  totals.frames = 0;
  totals.bytes = 0;
  return result;
}

serveCommands({ start, stop });
