import { closed, ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type WebSocket from 'ws';

/** One 20 ms frame of stereo 16 kHz silence: the scripted engine is paced by audio time, not by what it hears. */
const FRAME_MS = 20;
const SAMPLE_RATE = 16_000;
const SILENT_FRAME = Buffer.alloc(((SAMPLE_RATE * FRAME_MS) / 1000) * 2 * 2);

/** Options of {@link IngestCall.open}. */
export interface IngestCallOptions {
  /** `http://host:port` of the instance (or load balancer) the audio goes to. */
  readonly baseUrl: string;
  readonly ingestApiKey: string;
  readonly callId: string;
  readonly agentId: string;
  /** Audio time sent per real millisecond (default 4: four times real time). */
  readonly speed?: number;
  /** Audio the call lasts before the socket is closed normally (default: until `hangUp`). */
  readonly audioMs?: number;
}

/**
 * A call's audio as jambonz sends it to `/ingest/l16`: the start frame, then stereo silence paced
 * at `speed` × real time, until the audio is used up (a normal close: the call ends `completed`),
 * `hangUp`, `cut` (the connection drops without a close frame) or the gateway closes it.
 */
export class IngestCall {
  /** The close the gateway or this side made, with its code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private sentMs = 0;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly socket: WebSocket,
    private readonly options: IngestCallOptions,
  ) {
    this.closed = closed(socket);
    const framesPerTick = Math.max(1, Math.round(options.speed ?? 4));
    this.timer = setInterval(() => this.sendFrames(framesPerTick), FRAME_MS);
    void this.closed.then(() => clearInterval(this.timer));
  }

  /** Opens the ingest socket, sends the start frame and starts streaming. */
  static async open(options: IngestCallOptions): Promise<IngestCall> {
    const url = `${options.baseUrl.replace(/^http/, 'ws')}/ingest/l16`;
    const socket = await openSocket(url, { headers: ingestHeaders(options.ingestApiKey) });
    // A reset when the gateway is killed is expected here; `closed` reports it as 1006.
    socket.on('error', () => undefined);
    socket.send(JSON.stringify({ callId: options.callId, agentId: options.agentId, sampleRate: SAMPLE_RATE, mixType: 'stereo' }));
    return new IngestCall(socket, options);
  }

  /** Audio sent so far, in ms of the call. */
  get audioSentMs(): number {
    return this.sentMs;
  }

  /** Closes the socket normally (the caller hung up): the gateway ends the call `completed`. */
  async hangUp(): Promise<void> {
    clearInterval(this.timer);
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, 'call completed');
    await this.closed;
  }

  /** Drops the connection without a close frame, as a telephony side that lost the gateway does. */
  cut(): void {
    clearInterval(this.timer);
    this.socket.terminate();
  }

  private sendFrames(count: number): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    for (let frame = 0; frame < count; frame++) {
      if (this.options.audioMs !== undefined && this.sentMs >= this.options.audioMs) {
        void this.hangUp();
        return;
      }
      this.socket.send(SILENT_FRAME);
      this.sentMs += FRAME_MS;
    }
  }
}
