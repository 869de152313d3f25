import { toTelephoneMulaw } from '@tnt/shared/util-testing';
import { AudioHookClient, type AudioHookServerMessage } from '@tnt/shared/util-audiohook';
import type { CallAudio } from './call-audio';
import { paceFrames } from './frame-pacer';
import { IngestClosedEarly } from './ingest-closed-early';
import { FRAME_MS, type SimulatedCall } from './l16-call';
import { webSocketBase } from './open-socket';

/** μ-law bytes of one channel in one 20 ms frame at 8 kHz. */
const BYTES_PER_CHANNEL = (8000 * FRAME_MS) / 1000;

/** The format the simulator offers, as Genesys Cloud does first: stereo PCMU, customer on `external`. */
export const AUDIOHOOK_STEREO_PCMU = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 } as const;

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
}

/** The server's `disconnect` as the error the other endpoints' early close is: its `info` starts with the code. */
function refusal(callId: string, disconnect: AudioHookServerMessage): IngestClosedEarly {
  const info = String(disconnect.parameters['info'] ?? '');
  return new IngestClosedEarly(callId, info.startsWith('INGEST_AT_CAPACITY') ? 1013 : 1008, info);
}

/**
 * Streams a call to `/ingest/audiohook` as Genesys Cloud's AudioHook Monitor does: a signed
 * upgrade (when `clientSecret` is given), `open` offering stereo PCMU (the caller `external`,
 * the agent `internal`), interleaved μ-law frames every 20 ms, then `close` → `closed` and a
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
  const { clientSecret, organizationId, gaps = [] } = options;
  const [external, internal] = await Promise.all([
    toTelephoneMulaw(audio.caller, audio.sampleRate),
    toTelephoneMulaw(audio.agent, audio.sampleRate),
  ]);
  const client = await AudioHookClient.connect({ url: `${webSocketBase(baseUrl)}/ingest/audiohook`, apiKey, clientSecret, organizationId });
  let disconnected: AudioHookServerMessage | undefined;
  void client.next('disconnect').then((message) => (disconnected = message));
  const answer = await client.open(call.callId, [AUDIOHOOK_STEREO_PCMU], {
    participant: { id: call.callId, ani: call.from, aniName: 'Simulated caller', dnis: call.to },
    customConfig: { agentId: call.agentId },
  });
  if (answer.type === 'disconnect') {
    await client.close('disconnect');
    client.end();
    throw refusal(call.callId, answer);
  }
  const frameCount = Math.ceil(external.length / BYTES_PER_CHANNEL);
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
    const start = index * BYTES_PER_CHANNEL;
    const samples = Math.min(BYTES_PER_CHANNEL, external.length - start);
    const frame = Buffer.alloc(samples * 2);
    for (let sample = 0; sample < samples; sample++) {
      frame[sample * 2] = external[start + sample];
      frame[sample * 2 + 1] = internal[start + sample];
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
