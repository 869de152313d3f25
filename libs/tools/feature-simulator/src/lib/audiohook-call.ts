import { soxResample, toTelephoneMulaw } from '@tnt/shared/util-testing';
import { AudioHookClient, type AudioHookServerMessage } from '@tnt/shared/util-audiohook';
import type { CallAudio } from './call-audio';
import { paceFrames } from './frame-pacer';
import { IngestClosedEarly } from './ingest-closed-early';
import { FRAME_MS, type SimulatedCall } from './l16-call';
import { webSocketBase } from './open-socket';

/** Samples of one channel in one 20 ms frame at 8 kHz. */
const SAMPLES_PER_CHANNEL = (8000 * FRAME_MS) / 1000;

/** The format the simulator offers by default, as Genesys Cloud does first: stereo PCMU, customer on `external`. */
export const AUDIOHOOK_STEREO_PCMU = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 } as const;
/** The other format the protocol defines: stereo 16-bit linear PCM, little-endian. */
export const AUDIOHOOK_STEREO_L16 = { type: 'audio', format: 'L16', channels: ['external', 'internal'], rate: 8000 } as const;

/** A channel's 8 kHz audio as the chosen format carries it: one μ-law byte or two L16 bytes a sample. */
interface ChannelAudio {
  readonly bytes: Uint8Array;
  readonly bytesPerSample: number;
}

async function channelAudio(samples: Int16Array, sampleRate: number, format: 'PCMU' | 'L16'): Promise<ChannelAudio> {
  if (format === 'PCMU') return { bytes: await toTelephoneMulaw(samples, sampleRate), bytesPerSample: 1 };
  const at8kHz = sampleRate === 8000 ? samples : soxResample(samples, sampleRate, 8000);
  const bytes = Buffer.alloc(at8kHz.length * 2);
  at8kHz.forEach((sample, index) => bytes.writeInt16LE(sample, index * 2));
  return { bytes, bytesPerSample: 2 };
}

/** Audio Genesys does not send: a pause (`paused` … `resumed`) or audio it dropped (`discarded`). */
export interface AudioHookGap {
  readonly kind: 'pause' | 'discard';
  /** Where in the call's audio the gap starts, and how long it lasts (both multiples of 20 ms). */
  readonly atMs: number;
  readonly durationMs: number;
}

/** How {@link streamAudioHookCall} connects and streams. */
export interface AudioHookStreamOptions {
  /** Base64 client secret: the upgrade is signed with it, as Genesys does. */
  readonly clientSecret?: string;
  /** The Genesys organization the session is of (random when unset). */
  readonly organizationId?: string;
  /** Stretches of the call's audio not sent, each reported as the protocol says. */
  readonly gaps?: readonly AudioHookGap[];
  /** The media format offered and sent: PCMU (default) or L16, both 8 kHz stereo. */
  readonly format?: 'PCMU' | 'L16';
}

/** The server's `disconnect` as the error the other endpoints' early close is: its `info` starts with the code. */
function refusal(callId: string, disconnect: AudioHookServerMessage): IngestClosedEarly {
  const info = String(disconnect.parameters['info'] ?? '');
  return new IngestClosedEarly(callId, info.startsWith('INGEST_AT_CAPACITY') ? 1013 : 1008, info);
}

/**
 * Streams a call to `/ingest/audiohook` as Genesys Cloud's AudioHook Monitor does: a signed
 * upgrade (when `clientSecret` is given), `open` offering stereo PCMU or L16 (the caller `external`,
 * the agent `internal`), interleaved frames every 20 ms, then `close` → `closed` and a
 * normal close. `gaps` leave audio out as a pause or a discard would, the position moving on by them.
 * A `disconnect` from the server is answered with `close` and rejects with
 * {@link IngestClosedEarly} (its `info` as the reason).
 * @returns `performance.now()` when the first audio frame was sent (offset 0 of the call's audio).
 */
export async function streamAudioHookCall(
  baseUrl: string,
  call: SimulatedCall,
  audio: CallAudio,
  speed: number,
  apiKey: string,
  options: AudioHookStreamOptions = {},
): Promise<number> {
  const { clientSecret, organizationId, gaps = [], format = 'PCMU' } = options;
  const [external, internal] = await Promise.all([
    channelAudio(audio.caller, audio.sampleRate, format),
    channelAudio(audio.agent, audio.sampleRate, format),
  ]);
  const width = external.bytesPerSample;
  const client = await AudioHookClient.connect({ url: `${webSocketBase(baseUrl)}/ingest/audiohook`, apiKey, clientSecret, organizationId });
  let disconnected: AudioHookServerMessage | undefined;
  void client.next('disconnect').then((message) => (disconnected = message));
  const answer = await client.open(call.callId, [format === 'PCMU' ? AUDIOHOOK_STEREO_PCMU : AUDIOHOOK_STEREO_L16], {
    participant: { id: call.callId, ani: call.from, aniName: 'Simulated caller', dnis: call.to },
    customConfig: { agentId: call.agentId },
  });
  if (answer.type === 'disconnect') {
    await client.close('disconnect');
    client.end();
    throw refusal(call.callId, answer);
  }
  const channelSamples = external.bytes.length / width;
  const frameCount = Math.ceil(channelSamples / SAMPLES_PER_CHANNEL);
  const streamStartedAt = performance.now();
  await paceFrames(frameCount, FRAME_MS, speed, (index) => {
    if (disconnected) throw refusal(call.callId, disconnected);
    const atMs = index * FRAME_MS;
    const gap = gaps.find((candidate) => atMs >= candidate.atMs && atMs < candidate.atMs + candidate.durationMs);
    if (gap) {
      if (gap.kind === 'pause' && atMs === gap.atMs) client.send('paused');
      if (atMs + FRAME_MS === gap.atMs + gap.durationMs)
        client.send(gap.kind === 'pause' ? 'resumed' : 'discarded', client.skip(gap.durationMs));
      return;
    }
    const start = index * SAMPLES_PER_CHANNEL;
    const samples = Math.min(SAMPLES_PER_CHANNEL, channelSamples - start);
    // Interleaved by sample: external then internal, each `width` bytes.
    const frame = Buffer.alloc(samples * 2 * width);
    for (let sample = 0; sample < samples; sample++) {
      const from = (start + sample) * width;
      frame.set(external.bytes.subarray(from, from + width), sample * 2 * width);
      frame.set(internal.bytes.subarray(from, from + width), sample * 2 * width + width);
    }
    client.sendAudio(frame, (samples * 1000) / 8000);
  }).catch(async (error: unknown) => {
    await client.close('disconnect');
    client.end();
    throw error;
  });
  await client.close('end');
  client.end();
  await client.closed;
  return streamStartedAt;
}
