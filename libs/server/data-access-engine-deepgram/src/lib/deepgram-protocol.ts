/**
 * Deepgram's live streaming API (`/v1/listen` over WebSocket), as its public reference documents it.
 * This file is the one place the wire format is written down; the engine and the local test double
 * (`testing/fake-deepgram-server.ts`) both use it, so they cannot drift apart silently.
 *
 * Facts relied on, with their sources (read December 2026):
 * - https://developers.deepgram.com/reference/speech-to-text/listen-streaming
 *   `wss://api.deepgram.com/v1/listen`; settings are query parameters: `model`, `language`,
 *   `encoding` (`linear16`, `mulaw`, …), `sample_rate`, `channels`, `multichannel`, `interim_results`,
 *   `endpointing` (ms of silence, or `false`), `utterance_end_ms`, `punctuate`, `smart_format`,
 *   `keyterm` (repeatable) and `keywords` (older models). Audio goes as binary frames.
 * - https://developers.deepgram.com/docs/live-streaming-audio and .../docs/stt-troubleshooting-websocket-data-and-net-errors
 *   The API key goes in the `Authorization: Token <key>` header. A refused handshake is an HTTP
 *   4xx/5xx instead of 101 (401: bad key; 402: no credit; 403: key lacks permission; 400: a bad
 *   parameter; 429: too many connections). After the upgrade an error closes the socket with a
 *   close frame whose reason carries Deepgram's code: 1008 `DATA-0000` (audio it cannot decode),
 *   1011 `NET-0000` (internal) and `NET-0001` (no audio or KeepAlive within 10 s).
 * - https://developers.deepgram.com/docs/audio-keep-alive
 *   `{"type":"KeepAlive"}` as a *text* frame every 3–5 s keeps a silent stream open; no answer.
 * - https://developers.deepgram.com/docs/close-stream
 *   `{"type":"CloseStream"}` (text frame): the server transcribes what audio it holds, sends the last
 *   `Results`, then a summary `Metadata`, and closes the socket.
 * - https://developers.deepgram.com/docs/understand-endpointing-interim-results and .../docs/interim-results
 *   `Results`: `{type, channel_index: [channel, channels], start, duration, is_final, speech_final,
 *   channel: {alternatives: [{transcript, confidence, words: [{word, start, end, confidence,
 *   punctuated_word?}]}]}}`, times in seconds from the start of the stream's audio. Interims
 *   (`is_final: false`) are guesses at the audio since the last final; `is_final: true` fixes that
 *   span for good; `speech_final: true` (on a final) says endpointing heard the speaker pause.
 * - https://developers.deepgram.com/docs/utterance-end
 *   With `interim_results=true` and `utterance_end_ms`, `{type: "UtteranceEnd", channel, last_word_end}`
 *   says no word came for that long, even when noise kept `speech_final` from being sent. TnT does not
 *   ask for it: its segments are Deepgram's `is_final` spans, which come with or without endpointing.
 * - https://developers.deepgram.com/docs/keyterms
 *   Keyterm prompting (`keyterm=…`, up to 100 terms, Nova-3 only); other models take `keywords`.
 */

/** The real endpoint; `TNT_DEEPGRAM_URL` overrides it (the tests point it at the local test double). */
export const DEEPGRAM_LISTEN_URL = 'wss://api.deepgram.com/v1/listen';

/** The model used unless `TNT_DEEPGRAM_MODEL` names another. */
export const DEFAULT_DEEPGRAM_MODEL = 'nova-3';

/** Keyterm prompting takes at most this many terms (Deepgram's documented limit). */
export const MAX_KEYTERMS = 100;

/** A Deepgram key goes in this header, as `Token <key>` (not `Bearer`). */
export function authorizationHeader(apiKey: string): string {
  return `Token ${apiKey}`;
}

/** What a stream asks Deepgram for. */
export interface ListenSettings {
  readonly model: string;
  readonly language: string;
  readonly sampleRate: number;
  /** Milliseconds of silence that end an utterance (`speech_final`), or `false` for none. */
  readonly endpointingMs: number | false;
  /** Words and phrases to listen for (the vocabulary). */
  readonly keyterms: readonly string[];
}

/** True for the models that take `keyterm` rather than `keywords`. */
export function takesKeyterms(model: string): boolean {
  return model.startsWith('nova-3');
}

/**
 * The listen URL for one mono stream of 16-bit PCM (the engine interface always hands over
 * little-endian linear PCM: Twilio's μ-law is decoded at ingest, so `encoding=mulaw` is never needed).
 */
export function listenUrl(base: string, settings: ListenSettings): string {
  const url = new URL(base);
  const query = url.searchParams;
  query.set('model', settings.model);
  query.set('language', settings.language);
  query.set('encoding', 'linear16');
  query.set('sample_rate', String(settings.sampleRate));
  query.set('channels', '1');
  query.set('interim_results', 'true');
  query.set('endpointing', String(settings.endpointingMs));
  // TnT formats finals itself (feature-transcript-format); Deepgram's punctuation is kept as it comes.
  query.set('punctuate', 'true');
  const termParameter = takesKeyterms(settings.model) ? 'keyterm' : 'keywords';
  for (const term of settings.keyterms.slice(0, MAX_KEYTERMS)) query.append(termParameter, term);
  return url.toString();
}

/** Control messages the client sends as text frames. */
export const KEEP_ALIVE_MESSAGE = JSON.stringify({ type: 'KeepAlive' });
export const CLOSE_STREAM_MESSAGE = JSON.stringify({ type: 'CloseStream' });

/** One recognised word; times in seconds from the start of the stream's audio. */
export interface DeepgramWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly punctuated_word?: string;
}

/** A transcript of the audio since the last final (`is_final: false`), or that span for good. */
export interface ResultsMessage {
  readonly type: 'Results';
  readonly channel_index: readonly number[];
  readonly start: number;
  readonly duration: number;
  readonly is_final: boolean;
  readonly speech_final: boolean;
  readonly channel: {
    readonly alternatives: readonly { readonly transcript: string; readonly confidence: number; readonly words: readonly DeepgramWord[] }[];
  };
}

/** No word was heard for `utterance_end_ms`; `last_word_end` is in seconds. */
export interface UtteranceEndMessage {
  readonly type: 'UtteranceEnd';
  readonly channel: readonly number[];
  readonly last_word_end: number;
}

/** Sent once, when the stream closes: what was transcribed. */
export interface MetadataMessage {
  readonly type: 'Metadata';
  readonly request_id: string;
  readonly duration: number;
  readonly channels: number;
}

/** Every message the server sends that the engine acts on; others (`SpeechStarted`) are ignored. */
export type ServerMessage = ResultsMessage | UtteranceEndMessage | MetadataMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one text frame from the server; `undefined` for a message type the engine does not use.
 * Throws, naming what is wrong, for JSON that is not what the reference documents.
 */
export function parseServerMessage(text: string): ServerMessage | undefined {
  const message: unknown = JSON.parse(text);
  if (!isRecord(message) || typeof message['type'] !== 'string') throw new Error('a server message without a string "type"');
  if (message['type'] === 'Results') {
    const alternatives = isRecord(message['channel']) ? message['channel']['alternatives'] : undefined;
    const first: unknown = Array.isArray(alternatives) ? alternatives[0] : undefined;
    const wellFormed =
      typeof message['is_final'] === 'boolean' &&
      typeof message['start'] === 'number' &&
      typeof message['duration'] === 'number' &&
      isRecord(first) &&
      typeof first['transcript'] === 'string' &&
      typeof first['confidence'] === 'number' &&
      Array.isArray(first['words']);
    if (!wellFormed) throw new Error('a Results message without is_final, start, duration or channel.alternatives[0]');
    return { speech_final: false, ...message } as unknown as ResultsMessage;
  }
  if (message['type'] === 'UtteranceEnd' || message['type'] === 'Metadata') return message as unknown as ServerMessage;
  return undefined;
}
