import { Logger } from '@nestjs/common';
import {
  AUDIOHOOK_CLIENT_ENVELOPE,
  AUDIOHOOK_CLOSE_PARAMETERS,
  AUDIOHOOK_DISCARDED_PARAMETERS,
  AUDIOHOOK_ERROR_PARAMETERS,
  AUDIOHOOK_NULL_UUID,
  AUDIOHOOK_OPEN_PARAMETERS,
  AUDIOHOOK_UPDATE_PARAMETERS,
  AUDIOHOOK_VERSION,
  audioHookDurationMs,
  CLOSE_CODES,
  type AudioHookCloseParameters,
  type AudioHookDisconnectReason,
  type AudioHookOpenParameters,
  type AudioHookServerMessageType,
  type CallEndReason,
  type TntError,
} from '@tnt/protocol';
import type { LiveCall, TranscriptionService } from '@tnt/server/feature-transcription';
import type { WebSocket } from 'ws';
import type { AudioHookContinuations } from './audiohook-continuations';
import {
  AUDIOHOOK_SAMPLE_RATE,
  chooseMedia,
  decodeAudioFrame,
  describeOffers,
  SPEAKER_OF_CHANNEL,
  type ChosenMedia,
} from './audiohook-media';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';
import type { IngestSession } from './ingest-session';
import { parseJsonObject, readFrame } from './json-fields';
import { startIngestCall } from './live-call-starter';

/** Largest text message taken (the AudioHook reference server's limit). */
const MAX_TEXT_LENGTH = 65_535;
/** Longest stretch of discarded or paused audio filled with silence; a longer one is logged and not filled. */
const MAX_FILLED_GAP_MS = 600_000;
/** A position ahead of the audio received by more than this is filled with silence. */
const POSITION_TOLERANCE_MS = 40;
/** How long the client has to answer `disconnect` with `close` before the socket is closed. */
const DISCONNECT_GRACE_MS = 5_000;

/** Where the session is: `disconnecting` after the server's own `disconnect`. */
type SessionState = 'connected' | 'opening' | 'active' | 'paused' | 'probe' | 'closing' | 'closed' | 'disconnecting' | 'held';

/** What the session needs of the gateway's configuration. */
export interface AudioHookSessionSettings {
  /** `TNT_MAX_JSON_DEPTH`. */
  readonly maxJsonDepth: number;
  /** The engine's language (`TNT_LANGUAGE`). */
  readonly language: string;
  /** `TNT_AUDIOHOOK_RECONNECT_GRACE_MS`: how long the call of a session that closed to reconnect, or dropped, waits to be continued. */
  readonly audiohookReconnectGraceMs: number;
}

/** The upgrade's `Audiohook-*` headers, checked by the upgrade authenticator. */
export interface AudioHookHeaders {
  readonly sessionId: string;
  readonly organizationId: string;
  readonly correlationId: string;
}

const END_REASON_OF_CLOSE: Readonly<Record<AudioHookCloseParameters['reason'], CallEndReason>> = {
  end: 'completed',
  disconnect: 'completed',
  error: 'error',
  reconnect: 'disconnected',
};

/**
 * One Genesys AudioHook Monitor session (protocol version 2) on one WebSocket: `open` → `opened`
 * starts the call named by `conversationId` (a connection probe, the all-zero id, starts none),
 * binary frames carry the chosen format interleaved by channel, `ping` → `pong`, `paused`/`resumed`/
 * `discarded` keep the transcript on the call's timeline with silence, the `language` of `open` and
 * `update` is kept in the call record, `close` → the call ends
 * `completed`, its last finals published, then `closed`. Sequence numbers are checked both ways.
 * Bad input is answered inside the protocol, with `disconnect` reason `error` (see {@link answerError}).
 */
export class AudioHookSession implements IngestSession {
  private readonly logger = new Logger('AudioHook');
  private state: SessionState = 'connected';
  private live: LiveCall | undefined;
  private starting: Promise<LiveCall> | undefined;
  private media: ChosenMedia | undefined;
  private clientSeq = 0;
  private serverSeq = 0;
  /** Samples of each channel written to the call (received audio plus silence for what was discarded). */
  private samplesWritten = 0;
  /** Where this session's position 0 is on the call's timeline, in samples: 0 unless it continues an earlier session. */
  private timelineStart = 0;
  private closeTimer: NodeJS.Timeout | undefined;
  /** The conversation's language as last named by `open` or `update`. */
  private language: string | undefined;
  /** `update`s of the language being recorded on the call, one after the other; the call's end waits for them. */
  private languageChanges: Promise<void> = Promise.resolve();

  constructor(
    private readonly transcription: TranscriptionService,
    private readonly settings: AudioHookSessionSettings,
    private readonly socket: WebSocket,
    private readonly headers: AudioHookHeaders,
    private readonly continuations: AudioHookContinuations,
  ) {
    socket.once('close', () => clearTimeout(this.closeTimer));
  }

  get callId(): string | undefined {
    return this.live?.call.id;
  }

  handleText(text: string): void | Promise<void> {
    if (text.length > MAX_TEXT_LENGTH)
      throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, `a text message over ${MAX_TEXT_LENGTH} characters`);
    const message = readFrame(AUDIOHOOK_CLIENT_ENVELOPE, parseJsonObject(text, this.settings.maxJsonDepth));
    // After the server's `disconnect` only the close handshake is left: numbering is not held against it.
    if (this.state === 'disconnecting') this.clientSeq = message.seq - 1;
    if (message.seq !== this.clientSeq + 1) {
      throw ingestError(INGEST_ERROR_CODES.OUT_OF_SEQUENCE, `seq ${message.seq} after ${this.clientSeq}; each message's seq is one more`);
    }
    this.clientSeq = message.seq;
    if (message.serverseq > this.serverSeq) {
      throw ingestError(INGEST_ERROR_CODES.OUT_OF_SEQUENCE, `serverseq ${message.serverseq} but the server has sent ${this.serverSeq}`);
    }
    if (message.id.toLowerCase() !== this.headers.sessionId.toLowerCase()) {
      throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, 'id is not the Audiohook-Session-Id of this connection');
    }
    const { type, parameters } = message;
    if (this.state === 'disconnecting' && type !== 'close') return this.ignore(type, 'after the server disconnected');
    if (type !== 'open' && type !== 'close' && type !== 'ping' && type !== 'error')
      this.followPosition(audioHookDurationMs(message.position));
    switch (type) {
      case 'open':
        return this.open(readFrame(AUDIOHOOK_OPEN_PARAMETERS, parameters, ['conversationId']));
      case 'ping':
        return this.send('pong', {});
      case 'close':
        return this.close(readFrame(AUDIOHOOK_CLOSE_PARAMETERS, parameters));
      case 'paused':
        if (this.state !== 'active') return this.ignore(type, `in state ${this.state}`);
        this.state = 'paused';
        return;
      case 'resumed': {
        const gap = readFrame(AUDIOHOOK_DISCARDED_PARAMETERS, parameters);
        if (this.state !== 'paused') return this.ignore(type, `in state ${this.state}`);
        this.state = 'active';
        return this.fillTo(audioHookDurationMs(gap.start) + audioHookDurationMs(gap.discarded));
      }
      case 'discarded': {
        const gap = readFrame(AUDIOHOOK_DISCARDED_PARAMETERS, parameters);
        return this.fillTo(audioHookDurationMs(gap.start) + audioHookDurationMs(gap.discarded));
      }
      case 'update': {
        const { language } = readFrame(AUDIOHOOK_UPDATE_PARAMETERS, parameters);
        if (language !== undefined) this.changeLanguage(language);
        return;
      }
      case 'error': {
        const reported = readFrame(AUDIOHOOK_ERROR_PARAMETERS, parameters);
        this.logger.warn({
          msg: 'the client reported an error',
          callId: this.callId,
          clientCode: reported.code,
          info: reported.message.slice(0, 200),
        });
        return;
      }
      default:
        throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, `type ${JSON.stringify(type.slice(0, 40))} is not a client message`);
    }
  }

  handleBinary(frame: Buffer): void {
    if (this.state === 'disconnecting') return;
    if (this.state === 'connected' || this.state === 'opening') {
      throw ingestError(INGEST_ERROR_CODES.MEDIA_BEFORE_START, 'audio arrived before the session was opened');
    }
    if (this.state !== 'active' || !this.live || !this.media) {
      throw ingestError(INGEST_ERROR_CODES.UNEXPECTED_FRAME, `audio arrived while the session is ${this.state}`);
    }
    for (const [channel, pcm] of decodeAudioFrame(frame, this.media)) {
      if (pcm.length > 0) this.live.write(SPEAKER_OF_CHANNEL[channel], pcm);
    }
    this.samplesWritten += frame.length / (this.media.channels.length * (this.media.format === 'PCMU' ? 1 : 2));
  }

  async handleClose(code: number): Promise<void> {
    clearTimeout(this.closeTimer);
    // A connection lost mid-call (no close handshake) may come back as a session that continues it.
    if (this.holdable()) return this.hold();
    if (this.state === 'held') return;
    await this.endCall(code === CLOSE_CODES.NORMAL && this.state === 'closed' ? 'completed' : 'disconnected');
  }

  async abort(reason: CallEndReason): Promise<void> {
    await this.endCall(reason);
  }

  /**
   * Bad input, answered as the protocol says: `disconnect` with reason `error` and the code in `info`;
   * the client then closes the session (`close` → `closed`), and the socket is closed after a grace
   * period if it does not. False (the caller closes the socket) when the session is already over.
   */
  answerError(error: TntError): boolean {
    return this.disconnect('error', `${error.code}: ${error.message}`, error.closeCode ?? CLOSE_CODES.INTERNAL_ERROR);
  }

  /** The server is stopping: `disconnect` with reason `completed`, then the client's `close` is answered. */
  answerShutdown(): boolean {
    return this.disconnect('completed', 'the server is shutting down', CLOSE_CODES.GOING_AWAY);
  }

  private disconnect(reason: AudioHookDisconnectReason, info: string, closeCode: number): boolean {
    if (this.state === 'closing' || this.state === 'closed' || this.state === 'disconnecting') return false;
    this.state = 'disconnecting';
    this.send('disconnect', { reason, info: info.slice(0, 500) });
    this.closeTimer = setTimeout(() => this.socket.close(closeCode, info.slice(0, 120)), DISCONNECT_GRACE_MS);
    this.closeTimer.unref();
    return true;
  }

  private async open(parameters: AudioHookOpenParameters): Promise<void> {
    if (this.state !== 'connected')
      throw ingestError(INGEST_ERROR_CODES.DUPLICATE_START, `open in state ${this.state}; a session opens once`);
    if (parameters.organizationId.toLowerCase() !== this.headers.organizationId.toLowerCase()) {
      throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, 'organizationId is not the Audiohook-Organization-Id of this connection');
    }
    const media = chooseMedia(parameters.media);
    if (!media) throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_ENCODING, describeOffers(parameters.media));
    this.media = media;
    const opened = {
      media: [media],
      startPaused: false,
      ...(parameters.supportedLanguages ? { supportedLanguages: [this.settings.language] } : {}),
    };
    if (parameters.conversationId === AUDIOHOOK_NULL_UUID) {
      // A connection probe (Genesys checks the integration's endpoint): answered, no call started.
      this.state = 'probe';
      return this.send('opened', opened);
    }
    if (parameters.continuedSessions?.length && this.continueCall(parameters, media)) {
      this.state = 'active';
      this.send('opened', opened);
      // The time the call waited between the sessions is silence on its timeline.
      this.fillTo(0);
      if (parameters.language !== undefined) this.changeLanguage(parameters.language);
      return;
    }
    if (parameters.language !== undefined) this.noteLanguage(parameters.language);
    this.language = parameters.language;
    const customAgent = (parameters.customConfig as Record<string, unknown> | undefined)?.['agentId'];
    this.state = 'opening';
    this.starting = startIngestCall(this.transcription, {
      id: parameters.conversationId,
      agentId: typeof customAgent === 'string' && customAgent !== '' ? customAgent.slice(0, 256) : 'unassigned',
      from: parameters.participant.ani || undefined,
      to: parameters.participant.dnis || undefined,
      language: parameters.language,
      speakers: media.channels.map((channel) => SPEAKER_OF_CHANNEL[channel]),
      sampleRate: AUDIOHOOK_SAMPLE_RATE,
    });
    this.live = await this.starting;
    if (this.state !== 'opening') return;
    this.state = 'active';
    this.send('opened', opened);
  }

  /**
   * `close`: the call ends (its last finals published), then `closed`. A second `close` is ignored, as the
   * protocol's reference does. With reason `reconnect` the call is held for the session that continues it.
   */
  private async close(parameters: AudioHookCloseParameters): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return this.ignore('close', `in state ${this.state}`);
    if (parameters.reason === 'reconnect' && this.holdable()) {
      this.send('closed', {});
      return this.hold();
    }
    this.state = 'closing';
    await this.endCall(END_REASON_OF_CLOSE[parameters.reason]);
    this.state = 'closed';
    this.send('closed', {});
  }

  /**
   * `update` named the conversation's language: it is kept in the call record (an `updated` event).
   * Not awaited, so the audio after the `update` is not held back while the store takes it; the
   * call's end waits for it, so the `ended` event carries it too. Without a live call (a probe) it is only logged.
   */
  private changeLanguage(language: string): void {
    this.noteLanguage(language);
    const live = this.live;
    if (!live || live.isEnding || language === this.language) return;
    this.language = language;
    this.languageChanges = this.languageChanges
      .then(() => live.update({ language }))
      .catch((error: unknown) =>
        this.logger.warn({
          msg: `the conversation language ${language} could not be kept in the call record: ${String(error)}`,
          callId: live.call.id,
        }),
      );
  }

  /** The engine runs one language (`TNT_LANGUAGE`); another one asked for is also written to the log. */
  private noteLanguage(language: string): void {
    if (language.toLowerCase() === this.settings.language.toLowerCase()) return;
    this.logger.log({
      msg: `conversation language ${language.slice(0, 35)}; the engine transcribes ${this.settings.language}`,
      callId: this.callId,
    });
  }

  /** A client's position ahead of the audio received (audio it dropped) is filled with silence. */
  private followPosition(positionMs: number): void {
    const writtenMs = ((this.samplesWritten - this.timelineStart) * 1000) / AUDIOHOOK_SAMPLE_RATE;
    if (positionMs - writtenMs > POSITION_TOLERANCE_MS) this.fillTo(positionMs);
  }

  /** Fills the call's timeline with silence up to this session's `positionMs`. */
  private fillTo(positionMs: number): void {
    if (!this.live || !this.media) return;
    const missing = this.timelineStart + Math.round((positionMs * AUDIOHOOK_SAMPLE_RATE) / 1000) - this.samplesWritten;
    if (missing <= 0) return;
    if (missing > (MAX_FILLED_GAP_MS * AUDIOHOOK_SAMPLE_RATE) / 1000) {
      this.logger.warn({
        msg: `audio jumped ${Math.round(missing / 8)} ms ahead; not filled, later offsets run early`,
        callId: this.callId,
      });
      return;
    }
    for (let left = missing; left > 0; left -= AUDIOHOOK_SAMPLE_RATE) {
      const silence = new Int16Array(Math.min(left, AUDIOHOOK_SAMPLE_RATE));
      for (const channel of this.media.channels) this.live.write(SPEAKER_OF_CHANNEL[channel], silence);
    }
    this.samplesWritten += missing;
  }

  /** Whether a session ending now leaves a live call a later session may continue (holding not switched off). */
  private holdable(): boolean {
    const live = (this.state === 'active' || this.state === 'paused') && this.live !== undefined && !this.live.isEnding;
    return live && this.settings.audiohookReconnectGraceMs > 0;
  }

  /** Hands the live call to {@link AudioHookContinuations} for a session that continues it (see {@link holdable}). */
  private hold(): void {
    const { live, media } = this;
    const graceMs = this.settings.audiohookReconnectGraceMs;
    if (!live || !media) return;
    this.state = 'held';
    const held = {
      sessionId: this.headers.sessionId,
      organizationId: this.headers.organizationId,
      live,
      media,
      samplesWritten: this.samplesWritten,
      serverSeq: this.serverSeq,
      clientSeq: this.clientSeq,
      language: this.language,
      heldAt: this.continuations.now(),
    };
    this.continuations.hold(held, graceMs, () => this.endCall('disconnected'));
    this.logger.log({
      msg: `session ${this.headers.sessionId} ended mid-call; its call waits ${graceMs / 1000} s for a session that continues it`,
      callId: live.call.id,
    });
  }

  /**
   * `open` named sessions it continues: the call one of them left here goes on in this session, its
   * timeline moved on by the time it waited. False when none is held here (another instance, or past
   * the grace period): the conversation then starts as any call does, which in a cluster takes over a
   * call still live elsewhere and continues its numbering.
   */
  private continueCall(parameters: AudioHookOpenParameters, media: ChosenMedia): boolean {
    for (const continued of parameters.continuedSessions ?? []) {
      const held = this.continuations.take(continued.id, this.headers.organizationId, parameters.conversationId);
      if (!held) continue;
      // Taken by this session from here on: bad input below ends it as any call of a session ends.
      this.live = held.live;
      if (continued.serverseq > held.serverSeq) {
        throw ingestError(
          INGEST_ERROR_CODES.OUT_OF_SEQUENCE,
          `continued session ${continued.id} names serverseq ${continued.serverseq}, but the server sent it ${held.serverSeq}`,
        );
      }
      if (media.channels.join() !== held.media.channels.join()) {
        throw ingestError(
          INGEST_ERROR_CODES.UNSUPPORTED_ENCODING,
          `the continued call has channels ${held.media.channels.join(', ')}; this session offers ${media.channels.join(', ')}`,
        );
      }
      const waitedSamples = Math.round(((this.continuations.now() - held.heldAt) * AUDIOHOOK_SAMPLE_RATE) / 1000);
      this.language = held.language;
      this.samplesWritten = held.samplesWritten;
      this.timelineStart = held.samplesWritten + Math.max(0, waitedSamples);
      this.logger.log({
        msg: `session ${this.headers.sessionId} continues session ${held.sessionId}: the call goes on`,
        callId: held.live.call.id,
      });
      return true;
    }
    this.logger.warn({
      msg: 'open names continued sessions none of whose calls waits here: the conversation starts as a call',
      sessionId: this.headers.sessionId,
    });
    return false;
  }

  private ignore(type: string, why: string): void {
    this.logger.warn({ msg: `ignored ${type.slice(0, 40)} ${why}`, callId: this.callId, code: INGEST_ERROR_CODES.UNEXPECTED_FRAME });
  }

  private send(type: AudioHookServerMessageType, parameters: Record<string, unknown>): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const message = {
      version: AUDIOHOOK_VERSION,
      type,
      seq: ++this.serverSeq,
      clientseq: this.clientSeq,
      id: this.headers.sessionId,
      parameters,
    };
    this.socket.send(JSON.stringify(message));
  }

  private async endCall(reason: CallEndReason): Promise<void> {
    // A start still running is waited for (its failure is the open's to report), then ended.
    await this.starting?.catch(() => undefined);
    // A language update still being stored goes first, so the call's end carries it.
    await this.languageChanges;
    // A call that is already ending keeps its first reason; this waits for that end.
    if (this.live) await this.transcription.endCall(this.live, reason);
  }
}
