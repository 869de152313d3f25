import { Logger } from '@nestjs/common';
import {
  TWILIO_EVENT,
  TWILIO_MEDIA_MESSAGE,
  TWILIO_START_MESSAGE,
  type CallEndReason,
  type Speaker,
  type TwilioMediaMessage,
  type TwilioStartMessage,
} from '@tnt/protocol';
import type { LiveCall, TranscriptionService } from '@tnt/server/feature-transcription';
import { decodeMulaw } from '@tnt/server/util-audio';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';
import type { IngestSession } from './ingest-session';
import { parseJsonObject, readFrame } from './json-fields';
import { startIngestCall } from './live-call-starter';

/** Twilio's only media format: G.711 μ-law, 8 kHz, mono. */
const TWILIO_ENCODING = 'audio/x-mulaw';
const TWILIO_SAMPLE_RATE = 8000;
/** A gap in Twilio's media timestamps beyond this is filled with silence to keep offsets true. */
const GAP_TOLERANCE_MS = 60;
/** Longest gap filled; a larger jump is logged and not filled. */
const MAX_FILLED_GAP_MS = 10_000;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Twilio track names → TnT speakers: `inbound` is the caller, `outbound` the agent. */
const SPEAKER_OF_TRACK: Record<string, Speaker> = { inbound: 'caller', outbound: 'agent' };

/**
 * The Twilio Media Streams protocol (`connected`, `start`, `media`, `mark`, `dtmf`, `stop`)
 * for one stream: `callSid` names the call, each track becomes a speaker stream.
 */
export class TwilioMediaSession implements IngestSession {
  private readonly logger = new Logger(TwilioMediaSession.name);
  private live: LiveCall | undefined;
  /** The start frame's call while it is being started, so a close meanwhile ends it once it is. */
  private starting: Promise<LiveCall> | undefined;
  private readonly samplesOfSpeaker = new Map<Speaker, number>();

  /** `maxJsonDepth` is `TNT_MAX_JSON_DEPTH`, the same limit as the UI socket's. */
  constructor(
    private readonly transcription: TranscriptionService,
    private readonly maxJsonDepth: number,
  ) {}

  get callId(): string | undefined {
    return this.live?.call.id;
  }

  handleText(text: string): void | Promise<void> {
    const message = parseJsonObject(text, this.maxJsonDepth);
    const { event } = readFrame(TWILIO_EVENT, message);
    switch (event) {
      case 'connected':
        return;
      case 'start':
        return this.start(readFrame(TWILIO_START_MESSAGE, message, ['start.callSid']).start);
      case 'media':
        return this.media(readFrame(TWILIO_MEDIA_MESSAGE, message).media);
      case 'stop':
        this.requireStarted('stop');
        void this.endCall('completed');
        return;
      case 'mark':
      case 'dtmf':
        this.logger.debug?.(`call ${this.callId ?? '(not started)'}: ${event} ${JSON.stringify(message[event])}`);
        return;
      default:
        this.logger.warn(`call ${this.callId ?? '(not started)'}: ignoring unknown Twilio event ${JSON.stringify(event.slice(0, 40))}`);
    }
  }

  handleBinary(): void {
    throw ingestError(INGEST_ERROR_CODES.UNEXPECTED_FRAME, 'Twilio Media Streams sends JSON text frames only');
  }

  /** Twilio closes after `stop`; a close without it is a dropped stream, whatever its code. */
  async handleClose(_code?: number): Promise<void> {
    await this.endCall('disconnected');
  }

  async abort(reason: CallEndReason): Promise<void> {
    await this.endCall(reason);
  }

  /** The start frame's shape is the protocol's `TWILIO_START_MESSAGE`; what this endpoint takes of it is decided here. */
  private async start(start: TwilioStartMessage['start']): Promise<void> {
    if (this.live) throw ingestError(INGEST_ERROR_CODES.DUPLICATE_START, `stream already started for call ${this.live.call.id}`);
    const { encoding } = start.mediaFormat;
    if (encoding !== TWILIO_ENCODING) {
      throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_ENCODING, `encoding ${encoding} is not supported (only ${TWILIO_ENCODING})`);
    }
    const sampleRate = Number(start.mediaFormat.sampleRate);
    if (sampleRate !== TWILIO_SAMPLE_RATE) {
      throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_RATE, `sample rate ${sampleRate} is not supported (only 8000)`);
    }
    const channels = Number(start.mediaFormat.channels ?? 1);
    if (channels !== 1) throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_ENCODING, `${channels} channels are not supported (only 1)`);
    const speakers = [...new Set(start.tracks.map((track) => SPEAKER_OF_TRACK[track]))];
    const parameters = start.customParameters ?? {};
    this.starting = startIngestCall(this.transcription, {
      id: start.callSid,
      agentId: parameters.agentId ?? 'unassigned',
      from: parameters.from,
      to: parameters.to,
      speakers,
      sampleRate: TWILIO_SAMPLE_RATE,
    });
    this.live = await this.starting;
    for (const speaker of speakers) this.samplesOfSpeaker.set(speaker, 0);
  }

  private media(media: TwilioMediaMessage['media']): void {
    const live = this.requireStarted('media');
    const { track, payload } = media;
    const speaker = Object.prototype.hasOwnProperty.call(SPEAKER_OF_TRACK, track) ? SPEAKER_OF_TRACK[track] : undefined;
    if (!speaker || !live.hasSpeaker(speaker)) {
      const shown = JSON.stringify(track.slice(0, 20));
      throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, `media.track ${shown} was not announced in start.tracks`);
    }
    if (!STRICT_BASE64.test(payload)) throw ingestError(INGEST_ERROR_CODES.INVALID_BASE64, 'media.payload is not valid base64');
    if (media.timestamp !== undefined) this.fillGap(live, speaker, Number(media.timestamp));
    const samples = decodeMulaw(Buffer.from(payload, 'base64'));
    this.samplesOfSpeaker.set(speaker, (this.samplesOfSpeaker.get(speaker) ?? 0) + samples.length);
    live.write(speaker, samples);
  }

  /** Twilio drops packets under loss; silence in their place keeps `startMs`/`endMs` on the call's clock. */
  private fillGap(live: LiveCall, speaker: Speaker, timestampMs: number): void {
    const writtenMs = ((this.samplesOfSpeaker.get(speaker) ?? 0) * 1000) / TWILIO_SAMPLE_RATE;
    const gapMs = timestampMs - writtenMs;
    if (gapMs <= GAP_TOLERANCE_MS) return;
    if (gapMs > MAX_FILLED_GAP_MS) {
      this.logger.warn(`call ${live.call.id}: ${speaker} media jumped ${Math.round(gapMs)} ms ahead; not filling`);
      return;
    }
    const silence = new Int16Array(Math.round((gapMs * TWILIO_SAMPLE_RATE) / 1000));
    this.samplesOfSpeaker.set(speaker, (this.samplesOfSpeaker.get(speaker) ?? 0) + silence.length);
    live.write(speaker, silence);
  }

  private requireStarted(event: string): LiveCall {
    if (!this.live) throw ingestError(INGEST_ERROR_CODES.MEDIA_BEFORE_START, `${event} arrived before start`);
    return this.live;
  }

  private async endCall(reason: CallEndReason): Promise<void> {
    // A start still running is waited for (its failure is the start frame's to report), then ended.
    await this.starting?.catch(() => undefined);
    // A call that is already ending keeps its first reason; this waits for that end.
    if (this.live) await this.transcription.endCall(this.live, reason);
  }
}
