import { Logger } from '@nestjs/common';
import { CLOSE_CODES, L16_METADATA, type CallEndReason, type L16Metadata, type Speaker } from '@tnt/protocol';
import type { LiveCall, TranscriptionService } from '@tnt/server/feature-transcription';
import { Pcm16Decoder, StereoPcm16Decoder } from '@tnt/server/util-audio';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';
import type { IngestSession } from './ingest-session';
import { parseJsonObject, readFrame } from './json-fields';
import { startIngestCall } from './live-call-starter';

/** Sample rates the L16 endpoint takes. */
export const L16_SAMPLE_RATES: readonly number[] = [8000, 16000, 24000, 48000];

/** How audio is laid out in the binary frames. */
type MixType = 'mono' | 'stereo';

function isMixType(value: string): value is MixType {
  return value === 'mono' || value === 'stereo';
}

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
        ? [
            ['caller', channel0],
            ['agent', channel1],
          ]
        : [
            ['caller', channel1],
            ['agent', channel0],
          ];
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
  /** The start frame's call while it is being started, so a close meanwhile ends it once it is. */
  private starting: Promise<LiveCall> | undefined;
  private decoder: FrameDecoder | undefined;

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
    if (!this.live) return this.start(readFrame(L16_METADATA, message, ['callId', 'callSid']));
    if (message['event'] === 'stop' || message['type'] === 'stop') {
      void this.endCall('completed');
      return;
    }
    if ('sampleRate' in message || 'callId' in message) {
      throw ingestError(INGEST_ERROR_CODES.DUPLICATE_START, `metadata already received for call ${this.live.call.id}`);
    }
    this.logger.warn(`call ${this.live.call.id}: ignoring an unknown text frame`);
  }

  handleBinary(frame: Buffer): void {
    if (!this.live || !this.decoder) throw ingestError(INGEST_ERROR_CODES.MEDIA_BEFORE_START, 'audio arrived before the metadata frame');
    if (frame.length % 2 !== 0) {
      throw ingestError(INGEST_ERROR_CODES.ODD_BYTE_COUNT, `a frame of ${frame.length} bytes is not whole 16-bit samples`);
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

  /** The frame's shape is the protocol's `L16_METADATA`; which rates and layouts this endpoint takes is decided here. */
  private async start(metadata: L16Metadata): Promise<void> {
    // jambonz names the call `callSid`; `callId` wins when both are sent. The schema requires one of them.
    const callId = metadata.callId ?? metadata.callSid ?? '';
    const sampleRate = Number(metadata.sampleRate);
    if (!L16_SAMPLE_RATES.includes(sampleRate)) {
      throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_RATE, `sampleRate ${sampleRate} is not one of ${L16_SAMPLE_RATES.join(', ')}`);
    }
    const mixType = metadata.mixType ?? 'mono';
    if (!isMixType(mixType)) {
      throw ingestError(INGEST_ERROR_CODES.UNSUPPORTED_ENCODING, `mixType ${JSON.stringify(mixType.slice(0, 20))} is not mono or stereo`);
    }
    const speakers: Speaker[] = mixType === 'stereo' ? ['caller', 'agent'] : [metadata.speaker ?? 'caller'];
    this.decoder = mixType === 'stereo' ? stereoDecoder(metadata.callerChannel ?? 0) : monoDecoder(speakers[0]);
    this.starting = startIngestCall(this.transcription, {
      id: callId,
      agentId: metadata.agentId ?? 'unassigned',
      from: metadata.from,
      to: metadata.to,
      speakers,
      sampleRate,
    });
    this.live = await this.starting;
  }

  private async endCall(reason: CallEndReason): Promise<void> {
    // A start still running is waited for (its failure is the start frame's to report), then ended.
    await this.starting?.catch(() => undefined);
    // A call that is already ending keeps its first reason; this waits for that end.
    if (this.live) await this.transcription.endCall(this.live, reason);
  }
}
