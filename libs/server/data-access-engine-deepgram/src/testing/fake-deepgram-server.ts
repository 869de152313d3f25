import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { authorizationHeader, type DeepgramWord, type ResultsMessage } from '../lib/deepgram-protocol';

/**
 * TEST DOUBLE — NOT DEEPGRAM. A local server speaking Deepgram's `/v1/listen` streaming protocol as
 * its public reference documents it (see `deepgram-protocol.ts` for the facts and their sources), so
 * the engine can be tested on machines that cannot reach Deepgram. It recognises nothing: it plays a
 * script of words against the *amount* of audio it receives, as Deepgram would time them.
 *
 * What it checks and does, as the reference says Deepgram does:
 * - the handshake: path `/v1/listen`, `Authorization: Token <key>` (else HTTP 401 with a JSON error),
 *   query parameters (else HTTP 400): `encoding=linear16` with `sample_rate`, `channels=1`,
 *   `interim_results`, `endpointing`, `utterance_end_ms` (needs `interim_results=true`), `keyterm`
 *   only for Nova-3 models. Stricter than Deepgram: any other parameter is refused too.
 * - binary frames are audio; a word is "heard" once the audio reaches its end; each newly heard word
 *   sends an interim `Results`; the final (`is_final` and `speech_final`) once the audio runs
 *   `endpointing` ms past the last word; `UtteranceEnd` once it runs `utterance_end_ms` past it.
 * - text frames `KeepAlive` (no answer) and `CloseStream` (heard words finalised, `Metadata`, close 1000);
 *   nothing received for `idleTimeoutMs` closes with 1011 `NET-0001`.
 */
export interface FakeDeepgramOptions {
  /** The only key accepted. */
  readonly apiKey: string;
  /** The utterances every stream "hears", in order; times in seconds of the stream's audio. */
  readonly script: readonly (readonly DeepgramWord[])[];
  /** Deepgram closes a stream that received nothing for 10 s. */
  readonly idleTimeoutMs?: number;
}

/** What one stream's client sent, for the test to check. */
export interface RecordedStream {
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  audioBytes: number;
  readonly controlMessages: string[];
  /** The close code the server sent or saw, once closed. */
  closeCode: number | undefined;
}

/** A word of a script: `timedWords('hello world', 0.5)` times them 0.4 s apart from 0.5 s. */
export function timedWords(text: string, startSeconds: number, secondsPerWord = 0.4): DeepgramWord[] {
  return text.split(' ').map((word, index) => ({
    word,
    start: startSeconds + index * secondsPerWord,
    end: startSeconds + (index + 1) * secondsPerWord - 0.05,
    confidence: 0.9,
  }));
}

const ACCEPTED = new Set(['model', 'language', 'encoding', 'sample_rate', 'channels', 'interim_results', 'endpointing']);
const ACCEPTED_TOO = new Set(['utterance_end_ms', 'punctuate', 'smart_format', 'keyterm', 'keywords', 'multichannel']);

/** Why the query is refused, or `undefined` when it is one the double serves. */
function queryProblem(query: URLSearchParams): string | undefined {
  const unknown = [...query.keys()].find((key) => !ACCEPTED.has(key) && !ACCEPTED_TOO.has(key));
  if (unknown) return `unknown parameter ${unknown}`;
  if (query.get('encoding') !== 'linear16') return 'this double serves encoding=linear16 only';
  if (!/^\d+$/.test(query.get('sample_rate') ?? '')) return 'sample_rate is required with encoding';
  if ((query.get('channels') ?? '1') !== '1') return 'this double serves channels=1 only';
  if (!['true', 'false'].includes(query.get('interim_results') ?? 'false')) return 'interim_results must be true or false';
  if (!/^(\d+|false)$/.test(query.get('endpointing') ?? '10')) return 'endpointing must be milliseconds or false';
  if (query.has('utterance_end_ms') && query.get('interim_results') !== 'true') return 'utterance_end_ms needs interim_results=true';
  if (query.has('keyterm') && !(query.get('model') ?? '').startsWith('nova-3')) return 'keyterm is for Nova-3 models only';
  return undefined;
}

/** The test double; see {@link FakeDeepgramOptions}. */
export class FakeDeepgramServer {
  readonly streams: RecordedStream[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly webSockets = new WebSocketServer({ noServer: true });

  private constructor(
    private readonly options: FakeDeepgramOptions,
    private readonly http: Server,
  ) {
    http.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
  }

  /** Listens on a free loopback port. */
  static async start(options: FakeDeepgramOptions): Promise<FakeDeepgramServer> {
    const http = createServer((_request, response) => response.writeHead(404).end());
    const server = new FakeDeepgramServer(options, http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** The URL to give the engine (`TNT_DEEPGRAM_URL`). */
  get url(): string {
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}/v1/listen`;
  }

  /** Closes every open stream as Deepgram does on an internal error (1011 `NET-0000`). */
  dropStreams(): void {
    for (const socket of this.sockets) socket.close(1011, 'NET-0000: internal error (test double)');
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: number, errCode: string, message: string): void => {
      const body = JSON.stringify({ err_code: errCode, err_msg: message, request_id: randomUUID() });
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    if (url.pathname !== '/v1/listen') return refuse(404, 'NOT_FOUND', `no route ${url.pathname}`);
    if (request.headers.authorization !== authorizationHeader(this.options.apiKey))
      return refuse(401, 'INVALID_AUTH', 'Invalid credentials.');
    const problem = queryProblem(url.searchParams);
    if (problem) return refuse(400, 'Bad Request', problem);
    const recorded: RecordedStream = {
      query: url.searchParams,
      authorization: request.headers.authorization,
      audioBytes: 0,
      controlMessages: [],
      closeCode: undefined,
    };
    this.streams.push(recorded);
    this.webSockets.handleUpgrade(request, socket, head, (ws) => this.serve(ws, recorded));
  }

  private serve(ws: WebSocket, recorded: RecordedStream): void {
    this.sockets.add(ws);
    const query = recorded.query;
    const bytesPerSecond = Number(query.get('sample_rate')) * 2;
    const endpointing = query.get('endpointing') === 'false' ? Infinity : Number(query.get('endpointing') ?? '10') / 1000;
    const utteranceEnd = query.has('utterance_end_ms') ? Number(query.get('utterance_end_ms')) / 1000 : Infinity;
    const interims = query.get('interim_results') === 'true';
    const script = this.options.script;
    const heardWords = script.map(() => 0);
    const finalised = script.map(() => false);
    const utteranceEndSent = script.map(() => false);
    let closing = false;
    const send = (message: object): void => ws.send(JSON.stringify(message));
    const results = (index: number, isFinal: boolean, speechFinal: boolean): void => {
      const heard = script[index].slice(0, heardWords[index]);
      const start = heard[0].start;
      const message: ResultsMessage = {
        type: 'Results',
        channel_index: [0, 1],
        start,
        duration: heard[heard.length - 1].end - start,
        is_final: isFinal,
        speech_final: speechFinal,
        channel: { alternatives: [{ transcript: heard.map((word) => word.word).join(' '), confidence: 0.9, words: heard }] },
      };
      send(message);
    };
    let idle = this.idleTimer(ws);
    ws.on('message', (data: Buffer, isBinary) => {
      clearTimeout(idle);
      idle = this.idleTimer(ws);
      if (!isBinary) return this.control(ws, recorded, data.toString('utf8'), () => (closing = true), results, heardWords, finalised);
      if (closing) return;
      recorded.audioBytes += data.length;
      const audioSeconds = recorded.audioBytes / bytesPerSecond;
      script.forEach((utterance, index) => {
        const lastEnd = utterance[utterance.length - 1].end;
        if (!finalised[index]) {
          const heard = utterance.filter((word) => word.end <= audioSeconds).length;
          if (heard > heardWords[index]) {
            heardWords[index] = heard;
            if (interims) results(index, false, false);
          }
          if (heard === utterance.length && audioSeconds >= lastEnd + endpointing) {
            finalised[index] = true;
            results(index, true, true);
          }
        }
        // Sent whether or not endpointing finalised the words (with noise, or endpointing=false, it may not have).
        if (!utteranceEndSent[index] && audioSeconds >= lastEnd + utteranceEnd) {
          utteranceEndSent[index] = true;
          send({ type: 'UtteranceEnd', channel: [0, 1], last_word_end: lastEnd });
        }
      });
    });
    ws.on('close', (code) => {
      clearTimeout(idle);
      recorded.closeCode = code;
      this.sockets.delete(ws);
    });
  }

  private control(
    ws: WebSocket,
    recorded: RecordedStream,
    text: string,
    markClosing: () => void,
    results: (index: number, isFinal: boolean, speechFinal: boolean) => void,
    heardWords: number[],
    finalised: boolean[],
  ): void {
    recorded.controlMessages.push(text);
    let type: unknown;
    try {
      type = (JSON.parse(text) as { type?: unknown }).type;
    } catch {
      type = undefined; // answered below as Deepgram answers a text frame it cannot read
    }
    if (type === 'KeepAlive') return;
    if (type !== 'CloseStream') return void ws.close(1008, 'DATA-0000: text frame is not a known control message');
    markClosing();
    heardWords.forEach((heard, index) => {
      if (heard > 0 && !finalised[index]) {
        finalised[index] = true;
        results(index, true, false);
      }
    });
    const duration = recorded.audioBytes / (Number(recorded.query.get('sample_rate')) * 2);
    ws.send(JSON.stringify({ type: 'Metadata', request_id: randomUUID(), duration, channels: 1 }));
    ws.close(1000);
  }

  private idleTimer(ws: WebSocket): NodeJS.Timeout {
    return setTimeout(() => ws.close(1011, 'NET-0001: no audio or KeepAlive received (test double)'), this.options.idleTimeoutMs ?? 10_000);
  }
}
