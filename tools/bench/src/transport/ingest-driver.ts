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
/** A first-generation call rotates after between this share and all of `rotateAfterAudioSeconds`. */
const FIRST_ROTATION_MIN_SHARE = 0.3;
const BYTES_PER_STEREO_SAMPLE = 4;

/** The calls to stream and how. */
export interface IngestPlan {
  readonly baseUrl: string;
  readonly calls: readonly { readonly callId: string; readonly agentId: string }[];
  /** Audio seconds sent per wall-clock second. */
  readonly speed: number;
  /** Each call starts at a random moment within this. */
  readonly staggerMs: number;
  /**
   * When set, a call that has sent this much audio ends and a new call (`<id>.2`, `.3`, …: call ids keep to the call-id rule) takes
   * its place, so load runs longer than one scripted conversation (35 s of audio).
   */
  readonly rotateAfterAudioSeconds?: number;
  /** Sent as `X-API-Key` when the gateway authenticates ingest. */
  readonly apiKey?: string;
}

/** What the driver sent, once the calls are closed. */
export interface IngestTotals {
  readonly frames: number;
  readonly bytes: number;
  readonly audioSeconds: number;
  /** Every call id streamed, rotated ones included. */
  readonly callIds: readonly string[];
}

interface StreamingCall {
  readonly socket: WebSocket;
  readonly startedAt: number;
  samplesSent: number;
  readonly callId: string;
  readonly agentId: string;
  readonly generation: number;
  /** First calls end at a random point, so later rotations are spread out instead of arriving in one wave. */
  readonly rotateAfterSamples: number;
  rotating: boolean;
}

const calls: StreamingCall[] = [];
const totals = { frames: 0, bytes: 0 };
const usedCallIds: string[] = [];
let speed = 1;
let rotateAfterSamplesMax = Number.POSITIVE_INFINITY;
let baseUrl = '';
let apiKey: string | undefined;
const rotations = new Set<Promise<void>>();
let timer: NodeJS.Timeout | undefined;
let silence = Buffer.alloc(0);

function openCall(callId: string, agentId: string, generation: number): Promise<StreamingCall> {
  usedCallIds.push(generation === 1 ? callId : `${callId}.${generation}`);
  const streamedId = usedCallIds[usedCallIds.length - 1];
  return new Promise((resolve, reject) => {
    // A zero mask lets `ws` skip masking (a valid mask under RFC 6455), keeping this process's CPU for the others.
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ingest/l16`, {
      headers: apiKey ? { 'x-api-key': apiKey } : {},
      generateMask: (mask) => mask.fill(0),
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`ingest answered HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(JSON.stringify({ callId: streamedId, agentId, sampleRate: SAMPLE_RATE, mixType: 'stereo' }));
      socket.on('close', (code, reason) => {
        if (code !== 1000 && code !== 1005) console.error(`ingest closed call ${streamedId} with ${code} ${reason.toString()}`);
      });
      const rotateAfterSamples =
        generation === 1
          ? rotateAfterSamplesMax * (FIRST_ROTATION_MIN_SHARE + Math.random() * (1 - FIRST_ROTATION_MIN_SHARE))
          : rotateAfterSamplesMax;
      resolve({ socket, startedAt: performance.now(), samplesSent: 0, callId, agentId, generation, rotateAfterSamples, rotating: false });
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
    if (call.samplesSent >= call.rotateAfterSamples && !call.rotating) rotate(call);
  }
}

/** Ends a call whose conversation is nearly over and streams a new one in its place. */
function rotate(call: StreamingCall): void {
  call.rotating = true;
  call.socket.close(1000, 'call completed');
  const rotation = openCall(call.callId, call.agentId, call.generation + 1).then(
    (next) => {
      calls.splice(calls.indexOf(call), 1, next);
    },
    (error: unknown) => console.error(`rotating call ${call.callId} failed: ${String(error)}`),
  );
  rotations.add(rotation);
  void rotation.finally(() => rotations.delete(rotation));
}

async function start(plan: IngestPlan): Promise<void> {
  speed = plan.speed;
  baseUrl = plan.baseUrl;
  apiKey = plan.apiKey;
  rotateAfterSamplesMax =
    plan.rotateAfterAudioSeconds === undefined ? Number.POSITIVE_INFINITY : plan.rotateAfterAudioSeconds * SAMPLE_RATE;
  timer ??= setInterval(sendDueAudio, 10);
  await Promise.all(
    plan.calls.map(async ({ callId, agentId }) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * plan.staggerMs));
      calls.push(await openCall(callId, agentId, 1));
    }),
  );
}

async function stop(): Promise<IngestTotals> {
  clearInterval(timer);
  timer = undefined;
  await Promise.all(rotations);
  const closing = calls.splice(0).map(
    (call) =>
      new Promise<void>((resolve) => {
        if (call.socket.readyState === WebSocket.CLOSED) return resolve();
        call.socket.once('close', () => resolve());
        call.socket.close(1000, 'call completed');
      }),
  );
  await Promise.all(closing);
  const result = {
    frames: totals.frames,
    bytes: totals.bytes,
    audioSeconds: totals.bytes / BYTES_PER_STEREO_SAMPLE / SAMPLE_RATE,
    callIds: usedCallIds.splice(0),
  };
  totals.frames = 0;
  totals.bytes = 0;
  return result;
}

serveCommands({ start, stop });
