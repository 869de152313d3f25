import type WebSocket from 'ws';
import { toTelephoneMulaw } from '@tnt/shared/util-testing';
import type { CallAudio } from './call-audio';
import { paceFrames } from './frame-pacer';
import { FRAME_MS, type SimulatedCall } from './l16-call';
import { ingestHeaders } from './gateway-credentials';
import { unlessClosedEarly } from './ingest-closed-early';
import { closed, openSocket, webSocketBase } from './open-socket';

/** μ-law bytes in one 20 ms frame at 8 kHz. */
const BYTES_PER_FRAME = (8000 * FRAME_MS) / 1000;

/**
 * Streams a call to `/ingest/twilio` as Twilio Media Streams does: `connected`, `start` with
 * both tracks, `media` every 20 ms per track (8 kHz μ-law, base64), `stop`, then close.
 * Rejects with `IngestClosedEarly` (its close code and reason) when the gateway closes the socket first.
 * @returns `performance.now()` when the first media frame was sent (offset 0 of the call's audio).
 */
export async function streamTwilioCall(
  baseUrl: string,
  call: SimulatedCall,
  audio: CallAudio,
  speed: number,
  ingestApiKey: string,
): Promise<number> {
  const [inbound, outbound] = await Promise.all([
    toTelephoneMulaw(audio.caller, audio.sampleRate),
    toTelephoneMulaw(audio.agent, audio.sampleRate),
  ]);
  const socket: WebSocket = await openSocket(`${webSocketBase(baseUrl)}/ingest/twilio`, { headers: ingestHeaders(ingestApiKey) });
  const done = closed(socket);
  const streamSid = `MZ${call.callId}`;
  let sequenceNumber = 1;
  const send = (message: object) => socket.send(JSON.stringify({ ...message, sequenceNumber: String(sequenceNumber++), streamSid }));
  socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
  send({
    event: 'start',
    start: {
      streamSid,
      accountSid: 'ACsimulator',
      callSid: call.callId,
      tracks: ['inbound', 'outbound'],
      customParameters: { agentId: call.agentId, from: call.from, to: call.to },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    },
  });
  const frameCount = Math.ceil(inbound.length / BYTES_PER_FRAME);
  const streamStartedAt = performance.now();
  const pacing = paceFrames(frameCount, FRAME_MS, speed, (index) => {
    if (socket.readyState !== socket.OPEN) throw new Error(`ingest closed call ${call.callId} early`);
    const start = index * BYTES_PER_FRAME;
    for (const [track, bytes] of [
      ['inbound', inbound],
      ['outbound', outbound],
    ] as const) {
      send({
        event: 'media',
        media: {
          track,
          chunk: String(index + 1),
          timestamp: String(index * FRAME_MS),
          payload: bytes.subarray(start, start + BYTES_PER_FRAME).toString('base64'),
        },
      });
    }
  });
  await unlessClosedEarly(socket, call.callId, pacing, done);
  send({ event: 'stop', stop: { accountSid: 'ACsimulator', callSid: call.callId } });
  socket.close(1000, 'stream stopped');
  await done;
  return streamStartedAt;
}
