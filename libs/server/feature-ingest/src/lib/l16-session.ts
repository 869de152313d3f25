import { Logger } from '@nestjs/common';
import { CLOSE_CODES, isSpeaker, type CallEndReason, type Speaker } from '@tnt/protocol';
import type { LiveCall, TranscriptionService } from '@tnt/server/feature-transcription';
import { Pcm16Decoder, StereoPcm16Decoder } from '@tnt/server/util-audio';
import { INGEST_ERROR_CODES, policyViolation, unsupportedData } from './ingest-error';
import type { IngestSession } from './ingest-session';
import { callIdField, numberField, optionalStringField, parseJsonObject, type JsonObject } from './json-fields';
import { startIngestCall } from './live-call-starter';

/** Sample rates the L16 endpoint takes. */
export const L16_SAMPLE_RATES: readonly number[] = [8000, 16000, 24000, 48000];

/** How audio is laid out in the binary frames. */
type MixType = 'mono' | 'stereo';

/** Splits one binary frame into per-speaker PCM. */
interface FrameDecoder {
  decode(frame: Buffer): [Speaker, Int16Array][];
}

function monoDecoder(speaker: Speaker): FrameDecoder {
  const decoder = new Pcm16Decoder();
  return { decode: (frame) => [[speaker, decoder.decode(frame)]] };
}

function stereoDecoder(callerChannel: 0 | 1): FrameDecoder {
  const decoder = new StereoPcm16Decoder();
  return {
    decode: (frame) => {
      const { channel0, channel1 } = decoder.decode(frame);
      return callerChannel === 0
        ? [['caller', channel0], ['agent', channel1]]
        : [['caller', channel1], ['agent', channel0]];
    },
  };
}

/**
 * The linear-16 convention of jambonz `listen` and FreeSWITCH `mod_audio_fork`: a JSON metadata
 * text frame (`callId`, `agentId`, `sampleRate`, `mixType`, optional `speaker` for mono and
 * `callerChannel` for stereo, default 0), then binary little-endian 16-bit PCM frames. The call
 * ends when the peer closes (1000: completed, otherwise disconnected) or sends `{"event":"stop"}`.
 */
export class L16Session implements IngestSession {
  private readonly logger = new Logger(L16Session.name);
  private live: LiveCall | undefined;
  private decoder: FrameDecoder | undefined;

  constructor(private readonly transcription: TranscriptionService) {}

  get callId(): string | undefined {
    return this.live?.call.id;
  }

  handleText(text: string): void {
    const message = parseJsonObject(text);
    if (!this.live) return this.start(message);
    if (message['event'] === 'stop' || message['type'] === 'stop') {
      void this.endCall('completed');
      return;
    }
    if ('sampleRate' in message || 'callId' in message) {
      throw policyViolation(INGEST_ERROR_CODES.DUPLICATE_START, `metadata already received for call ${this.live.call.id}`);
    }
    this.logger.warn(`call ${this.live.call.id}: ignoring an unknown text frame`);
  }

  handleBinary(frame: Buffer): void {
    if (!this.live || !this.decoder) throw policyViolation(INGEST_ERROR_CODES.MEDIA_BEFORE_START, 'audio arrived before the metadata frame');
    if (frame.length % 2 !== 0) {
      throw unsupportedData(INGEST_ERROR_CODES.ODD_BYTE_COUNT, `a frame of ${frame.length} bytes is not whole 16-bit samples`);
    }
    for (const [speaker, pcm] of this.decoder.decode(frame)) {
      if (pcm.length > 0) this.live.write(speaker, pcm);
    }
  }

  async handleClose(code: number): Promise<void> {
    await this.endCall(code === CLOSE_CODES.NORMAL ? 'completed' : 'disconnected');
  }

  async abort(reason: CallEndReason): Promise<void> {
    await this.endCall(reason);
  }

  private start(metadata: JsonObject): void {
    // jambonz names the call `callSid`; `callId` wins when both are sent.
    const callId = callIdField(metadata, metadata['callId'] === undefined ? 'callSid' : 'callId', 'callId');
    const sampleRate = numberField(metadata, 'sampleRate', 'sampleRate');
    if (!L16_SAMPLE_RATES.includes(sampleRate)) {
      throw unsupportedData(INGEST_ERROR_CODES.UNSUPPORTED_RATE, `sampleRate ${sampleRate} is not one of ${L16_SAMPLE_RATES.join(', ')}`);
    }
    const mixType = (optionalStringField(metadata, 'mixType', 'mixType') ?? 'mono') as MixType;
    if (mixType !== 'mono' && mixType !== 'stereo') {
      throw unsupportedData(INGEST_ERROR_CODES.UNSUPPORTED_ENCODING, `mixType ${JSON.stringify(mixType)} is not mono or stereo`);
    }
    const speakers = mixType === 'stereo' ? (['caller', 'agent'] as Speaker[]) : [this.monoSpeaker(metadata)];
    this.decoder = mixType === 'stereo' ? stereoDecoder(this.callerChannel(metadata)) : monoDecoder(speakers[0]);
    this.live = startIngestCall(this.transcription, {
      id: callId,
      agentId: optionalStringField(metadata, 'agentId', 'agentId') ?? 'unassigned',
      from: optionalStringField(metadata, 'from', 'from'),
      to: optionalStringField(metadata, 'to', 'to'),
      speakers,
      sampleRate,
    });
  }

  private monoSpeaker(metadata: JsonObject): Speaker {
    const speaker = metadata['speaker'] ?? 'caller';
    if (!isSpeaker(speaker)) throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, 'speaker must be "caller" or "agent"');
    return speaker;
  }

  private callerChannel(metadata: JsonObject): 0 | 1 {
    const channel = metadata['callerChannel'] ?? 0;
    if (channel !== 0 && channel !== 1) throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, 'callerChannel must be 0 or 1');
    return channel;
  }

  private async endCall(reason: CallEndReason): Promise<void> {
    // A call that is already ending keeps its first reason; this waits for that end.
    if (this.live) await this.transcription.endCall(this.live, reason);
  }
}
