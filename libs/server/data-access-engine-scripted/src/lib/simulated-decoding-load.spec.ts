import { SimulatedDecodingLoad } from './simulated-decoding-load';

/** Writes `seconds` of audio to each of `streams` streams, 20 ms at a time, as ingest would. */
function streamAudio(load: SimulatedDecodingLoad, streams: number, seconds: number): void {
  for (let frame = 0; frame < seconds * 50; frame++) {
    for (let stream = 0; stream < streams; stream++) load.audioWritten(0.02);
  }
}

describe('SimulatedDecodingLoad (simulation)', () => {
  it('builds no backlog while the streams cost less than one simulated thread', () => {
    const load = new SimulatedDecodingLoad(0.2);
    for (let stream = 0; stream < 4; stream++) load.streamOpened();
    streamAudio(load, 4, 30);
    expect(load.measure()).toEqual({ backlogSeconds: 0, realTimeFactor: 0.2, openStreams: 4, parallelism: 1 });
  });

  it('grows the backlog by the excess work once the streams cost more than the thread has', () => {
    const load = new SimulatedDecodingLoad(0.2);
    for (let stream = 0; stream < 6; stream++) load.streamOpened();
    streamAudio(load, 6, 10);
    // 6 × 0.2 = 1.2 s of work per second of audio: 0.2 s more each second.
    expect(load.measure().backlogSeconds).toBeCloseTo(2, 6);
  });

  it('drains the backlog once streams close, and forgets it when none is left', () => {
    const load = new SimulatedDecodingLoad(0.5);
    for (let stream = 0; stream < 3; stream++) load.streamOpened();
    streamAudio(load, 3, 4);
    expect(load.measure().backlogSeconds).toBeCloseTo(2, 6);
    load.streamClosed();
    load.streamClosed();
    streamAudio(load, 1, 4);
    expect(load.measure().backlogSeconds).toBeCloseTo(0, 6);
    load.streamClosed();
    expect(load.measure()).toMatchObject({ backlogSeconds: 0, openStreams: 0 });
  });

  it('refuses a negative cost', () => {
    expect(() => new SimulatedDecodingLoad(-1)).toThrow('the simulated real-time factor must be a number >= 0, got -1');
  });
});
