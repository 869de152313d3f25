import type WebSocket from 'ws';
import type { CallAudio } from './call-audio';
import { paceFrames } from './frame-pacer';
import { ingestHeaders } from './gateway-credentials';
import { unlessClosedEarly } from './ingest-closed-early';
import { closed, openSocket, webSocketBase } from './open-socket';

/** Length of one audio frame sent to ingest. */
export const FRAME_MS = 20;

/** Who and what one simulated call is. */
export interface SimulatedCall {
  readonly callId: string;
  readonly agentId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Streams a call to `/ingest/l16` the way jambonz `listen` does: JSON metadata, then stereo
 * 16-bit frames (caller on channel 0, agent on channel 1) at `speed` × real time, then a normal close.
 * Rejects with `IngestClosedEarly` (its close code and reason) when the gateway closes the socket first.
 * @returns `performance.now()` when the first audio frame was sent (offset 0 of the call's audio).
 */
export async function streamL16Call(
  baseUrl: string,
  call: SimulatedCall,
  audio: CallAudio,
  speed: number,
  ingestApiKey: string,
): Promise<number> {
  const socket: WebSocket = await openSocket(`${webSocketBase(baseUrl)}/ingest/l16`, { headers: ingestHeaders(ingestApiKey) });
  const done = closed(socket);
  socket.send(JSON.stringify({ ...call, sampleRate: audio.sampleRate, mixType: 'stereo' }));
  const samplesPerFrame = (audio.sampleRate * FRAME_MS) / 1000;
  const frameCount = Math.ceil(audio.caller.length / samplesPerFrame);
  const streamStartedAt = performance.now();
  const pacing = paceFrames(frameCount, FRAME_MS, speed, (index) => {
    if (socket.readyState !== socket.OPEN) throw new Error(`ingest closed call ${call.callId} early`);
    const start = index * samplesPerFrame;
    const end = Math.min(start + samplesPerFrame, audio.caller.length);
    const frame = new Int16Array((end - start) * 2);
    for (let sample = start; sample < end; sample++) {
      frame[(sample - start) * 2] = audio.caller[sample];
      frame[(sample - start) * 2 + 1] = audio.agent[sample];
    }
    socket.send(Buffer.from(frame.buffer));
  });
  await unlessClosedEarly(socket, call.callId, pacing, done);
  socket.close(1000, 'call completed');
  await done;
  return streamStartedAt;
}
