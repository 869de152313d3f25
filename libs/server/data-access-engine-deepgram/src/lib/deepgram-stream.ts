import type { EngineSegment, EngineStreamListener, TranscriptionStream } from '@tnt/server/util-engine';
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { DeepgramError, DeepgramErrorCode, handshakeError } from './deepgram-error';
import {
  authorizationHeader,
  CLOSE_STREAM_MESSAGE,
  KEEP_ALIVE_MESSAGE,
  parseServerMessage,
  type ResultsMessage,
} from './deepgram-protocol';

/** How one stream connects and paces its control messages. */
export interface DeepgramStreamTiming {
  /** A KeepAlive is sent when no audio went out for this long (Deepgram closes a stream silent for 10 s). */
  readonly keepAliveIntervalMs: number;
  /** The handshake must complete within this; audio written meanwhile is queued, then sent in order. */
  readonly connectTimeoutMs: number;
  /** After CloseStream, the server must send its last results and close within this. */
  readonly closeTimeoutMs: number;
}

/** Largest handshake error body read; Deepgram's are a short JSON object. */
const MAX_ERROR_BODY_BYTES = 4096;

/**
 * One speaker's audio on one Deepgram WebSocket. Deepgram's finals become TnT finals: the interims
 * before a final carry its id (`u1`, `u2`, …), and the id moves on after each final. Times come from
 * the words (seconds from the start of the stream's audio, as TnT's `startMs`/`endMs` are).
 *
 * Failures are never silent: whatever ends the stream early (handshake refused, server close, bad
 * message) first finalises the interim still pending, so what was heard is kept, then calls the
 * listener's `onError` once. There is no reconnection inside a stream (see the engine's doc).
 */
export class DeepgramStream implements TranscriptionStream {
  private readonly socket: WebSocket;
  /** Audio written before the socket opened, sent in order once it does. */
  private queued: Buffer[] = [];
  private sentSinceKeepAliveTick = false;
  private readonly keepAlive: NodeJS.Timeout;
  private closeTimer: NodeJS.Timeout | undefined;
  private utterance = 1;
  private pendingInterim: EngineSegment | undefined;
  /** Set once the stream failed or closed; nothing is sent or reported afterwards. */
  private finished = false;
  private ending: Promise<void> | undefined;
  private resolveFinished!: () => void;
  private readonly whenFinished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(
    url: string,
    apiKey: string,
    /** `call <id> <speaker>`, for messages. */
    private readonly name: string,
    private readonly timing: DeepgramStreamTiming,
    private readonly listener: EngineStreamListener,
    private readonly onFailed: (error: DeepgramError) => void,
  ) {
    this.socket = new WebSocket(url, {
      headers: { Authorization: authorizationHeader(apiKey) },
      handshakeTimeout: timing.connectTimeoutMs,
    });
    this.socket.on('open', () => this.flushQueue());
    this.socket.on('unexpected-response', (request, response) => this.refused(request, response));
    this.socket.on('error', (error) =>
      this.fail(
        new DeepgramError(DeepgramErrorCode.UNREACHABLE, `${this.name}: Deepgram connection failed: ${error.message}`, { cause: error }),
      ),
    );
    this.socket.on('message', (data, isBinary) => this.received(data as Buffer, isBinary));
    this.socket.on('close', (code, reason) => this.closed(code, reason.toString()));
    this.keepAlive = setInterval(() => this.keepAliveTick(), timing.keepAliveIntervalMs);
  }

  write(pcm: Int16Array): void {
    if (this.finished || this.ending || pcm.length === 0) return;
    // Copied: the caller may reuse its buffer once write returns. Int16Array is little-endian on every platform Node runs on here.
    const frame = Buffer.from(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    if (this.socket.readyState === WebSocket.OPEN) this.send(frame);
    else this.queued.push(frame);
  }

  /** Sends CloseStream once the queued audio is out, and resolves when the server has sent its last results and closed. */
  end(): Promise<void> {
    this.ending ??= this.closeStream();
    return this.ending;
  }

  private async closeStream(): Promise<void> {
    if (this.finished) return;
    if (this.socket.readyState === WebSocket.CONNECTING) {
      await Promise.race([new Promise((resolve) => this.socket.once('open', resolve)), this.whenFinished]);
      if (this.finished) return;
    }
    this.send(CLOSE_STREAM_MESSAGE);
    this.closeTimer = setTimeout(
      () =>
        this.fail(
          new DeepgramError(
            DeepgramErrorCode.CLOSE_TIMEOUT,
            `${this.name}: no close within ${this.timing.closeTimeoutMs} ms of CloseStream`,
          ),
        ),
      this.timing.closeTimeoutMs,
    );
    await this.whenFinished;
  }

  private flushQueue(): void {
    const queued = this.queued;
    this.queued = [];
    for (const frame of queued) this.send(frame);
  }

  private send(data: Buffer | string): void {
    this.sentSinceKeepAliveTick = true;
    this.socket.send(data, { binary: typeof data !== 'string' });
  }

  private keepAliveTick(): void {
    if (this.socket.readyState === WebSocket.OPEN && !this.sentSinceKeepAliveTick) this.send(KEEP_ALIVE_MESSAGE);
    this.sentSinceKeepAliveTick = false;
  }

  /** The handshake was answered with an HTTP status instead of 101: its body says why. */
  private refused(request: ClientRequest, response: IncomingMessage): void {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size < MAX_ERROR_BODY_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    response.on('end', () => {
      this.fail(handshakeError(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), this.name));
      request.destroy();
    });
  }

  private received(data: Buffer, isBinary: boolean): void {
    if (this.finished) return;
    let message;
    try {
      if (isBinary) throw new Error('a binary frame');
      message = parseServerMessage(data.toString('utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.fail(new DeepgramError(DeepgramErrorCode.PROTOCOL, `${this.name}: Deepgram sent ${reason}`, { cause: error }));
      return;
    }
    // UtteranceEnd and Metadata need nothing: a TnT final is one of Deepgram's `is_final` spans, and Deepgram
    // finalises every span on its own schedule (endpointing or not), so finalising on UtteranceEnd would say it twice.
    if (message?.type === 'Results') this.results(message);
  }

  private results(message: ResultsMessage): void {
    const best = message.channel.alternatives[0];
    const text = best.transcript.trim();
    // Silence: an interim with no words says nothing; an empty final only closes an interim that is pending.
    if (text === '' && !(message.is_final && this.pendingInterim)) {
      if (message.is_final) this.pendingInterim = undefined;
      return;
    }
    const words = best.words;
    const startSeconds = words.length > 0 ? words[0].start : message.start;
    const endSeconds = words.length > 0 ? words[words.length - 1].end : message.start + message.duration;
    const segment: EngineSegment = {
      id: `u${this.utterance}`,
      text,
      isFinal: message.is_final,
      confidence: Math.min(1, Math.max(0, best.confidence)),
      startMs: startSeconds * 1000,
      endMs: endSeconds * 1000,
    };
    if (segment.isFinal) {
      this.utterance++;
      this.pendingInterim = undefined;
    } else {
      this.pendingInterim = segment;
    }
    this.listener.onSegment(segment);
  }

  /** The stream ended or failed and Deepgram will send no final for the interim still pending: it is made final as last heard. */
  private finalisePending(): void {
    if (!this.pendingInterim) return;
    const last = this.pendingInterim;
    this.pendingInterim = undefined;
    this.utterance++;
    this.listener.onSegment({ ...last, isFinal: true });
  }

  private closed(code: number, reason: string): void {
    if (this.finished) return;
    // After CloseStream the server closes once its last results are out: the stream is done.
    if (this.ending && (code === 1000 || code === 1005)) {
      this.finish();
      return;
    }
    const why = reason === '' ? `close code ${code}` : `close code ${code}: ${reason}`;
    this.fail(new DeepgramError(DeepgramErrorCode.CLOSED_BY_SERVER, `${this.name}: Deepgram closed the stream (${why})`));
  }

  private fail(error: DeepgramError): void {
    if (this.finished) return;
    this.finish();
    this.socket.terminate();
    this.listener.onError(error);
    this.onFailed(error);
  }

  private finish(): void {
    this.finished = true;
    clearInterval(this.keepAlive);
    clearTimeout(this.closeTimer);
    this.queued = [];
    this.finalisePending();
    this.resolveFinished();
  }
}
