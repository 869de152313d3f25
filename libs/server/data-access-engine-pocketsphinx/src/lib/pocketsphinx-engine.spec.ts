import type { EngineSegment } from '@tnt/server/util-engine';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatSamples, fliteSpeech, wordErrorRate } from '@tnt/shared/util-testing';
import { lineNoise, mixNoise, transcribe } from '../testing';
import { PocketsphinxEngine } from './pocketsphinx-engine';
import { PocketsphinxErrorCode } from './pocketsphinx-error';
import { eventually } from '@tnt/shared/util-testing/eventually';

const FIRST_SENTENCE = 'I would like to check the status of my order';
const SECOND_SENTENCE = 'please call me back tomorrow morning about the invoice';

describe('PocketsphinxEngine', () => {
  let directory: string;
  let engine: PocketsphinxEngine;
  let firstSpeech: Int16Array;
  let secondSpeech: Int16Array;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pocketsphinx-engine-'));
    engine = new PocketsphinxEngine({ workerCount: 2 });
    [firstSpeech, secondSpeech] = await Promise.all([
      fliteSpeech(FIRST_SENTENCE, 16000, 'slt'),
      fliteSpeech(SECOND_SENTENCE, 16000, 'rms'),
      engine.start(),
    ]);
  });

  afterAll(async () => {
    await engine?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  /** Speech preceded and followed by a quiet line, as on a real call. */
  function onQuietLine(...parts: Int16Array[]): Int16Array {
    const audio = concatSamples(parts);
    return mixNoise(audio, lineNoise(1000));
  }

  it('reports its name, that it really listens, and 16 kHz as its only rate', () => {
    expect(engine.name).toBe('pocketsphinx');
    expect(engine.simulated).toBe(false);
    expect(engine.sampleRates).toEqual([16000]);
  });

  it('sends interims before the final, carrying the id of the final that replaces them', async () => {
    const { segments, finals } = await transcribe(engine, onQuietLine(silence(800), firstSpeech, silence(1000)));

    expect(finals).toHaveLength(1);
    const final = finals[0];
    const interims = segments.filter((segment) => !segment.isFinal);
    expect(interims.length).toBeGreaterThan(0);
    expect(interims.every((interim) => interim.id === final.id && interim.text.length > 0)).toBe(true);
    expect(segments.indexOf(final)).toBe(segments.length - 1);
  });

  it('transcribes a clear sentence within 25 % word error rate, with a real confidence', async () => {
    const { finals } = await transcribe(engine, onQuietLine(silence(800), secondSpeech, silence(1000)));

    const text = finals.map((final) => final.text).join(' ');
    expect(wordErrorRate(SECOND_SENTENCE, text).rate).toBeLessThanOrEqual(0.25);
    expect(finals[0].confidence).toBeGreaterThan(0.3);
    expect(finals[0].confidence).toBeLessThanOrEqual(1);
  });

  it('sends at most one interim per 250 ms of speech', async () => {
    const { segments } = await transcribe(engine, onQuietLine(silence(800), firstSpeech, silence(1000)));

    const interims = segments.filter((segment) => !segment.isFinal);
    // Speech state is checked every 100 ms, so without pacing there would be ~2.5 times as many.
    expect(interims.length).toBeLessThanOrEqual(Math.ceil(durationMs(firstSpeech) / 250));
  });

  it('rejects streams at a rate other than 16 kHz', () => {
    expect(() =>
      engine.open(
        { callId: 'c', speaker: 'caller', sampleRate: 8000, language: 'en-US' },
        { onSegment: () => undefined, onError: () => undefined },
      ),
    ).toThrow(expect.objectContaining({ code: PocketsphinxErrorCode.InvalidOption }));
  });

  it('makes two finals at sensible offsets from two sentences a second apart', async () => {
    const leadMs = 1000;
    const gapMs = 1000;
    const { finals } = await transcribe(engine, onQuietLine(silence(leadMs), firstSpeech, silence(gapMs), secondSpeech, silence(1000)));

    expect(finals.map((final) => final.id)).toEqual([expect.any(String), expect.any(String)]);
    expect(finals[0].id).not.toBe(finals[1].id);
    const firstEndsBy = leadMs + durationMs(firstSpeech);
    const secondStartsAt = firstEndsBy + gapMs;
    // flite pads its output with up to ~250 ms of silence at each end.
    expect(finals[0].startMs).toBeGreaterThanOrEqual(leadMs - 100);
    expect(finals[0].startMs).toBeLessThan(leadMs + 500);
    expect(finals[0].endMs).toBeGreaterThan(finals[0].startMs);
    expect(finals[0].endMs).toBeLessThanOrEqual(firstEndsBy + 100);
    expect(finals[1].startMs).toBeGreaterThanOrEqual(secondStartsAt - 100);
    expect(finals[1].startMs).toBeLessThan(secondStartsAt + 500);
    expect(finals[1].endMs).toBeLessThanOrEqual(secondStartsAt + durationMs(secondSpeech) + 100);
    expect(wordErrorRate(FIRST_SENTENCE, finals[0].text).rate).toBeLessThanOrEqual(0.25);
    expect(wordErrorRate(SECOND_SENTENCE, finals[1].text).rate).toBeLessThanOrEqual(0.25);
  });

  it('flushes speech cut off mid-utterance as a final when the stream ends', async () => {
    const cut = secondSpeech.subarray(0, Math.round(secondSpeech.length * 0.6));
    const { segments, finals } = await transcribe(engine, onQuietLine(silence(800), cut));

    expect(finals).toHaveLength(1);
    expect(finals[0].text).toMatch(/call me back/);
    expect(segments[segments.length - 1]).toBe(finals[0]);
  });

  it('transcribes several streams at once on the pool', async () => {
    const audio = [firstSpeech, secondSpeech, firstSpeech, secondSpeech].map((speech) => onQuietLine(silence(600), speech, silence(900)));
    const transcripts = await Promise.all(audio.map((pcm) => transcribe(engine, pcm)));

    const texts = transcripts.map(({ finals }) => finals.map((final: EngineSegment) => final.text).join(' '));
    [FIRST_SENTENCE, SECOND_SENTENCE, FIRST_SENTENCE, SECOND_SENTENCE].forEach((reference, index) => {
      expect(wordErrorRate(reference, texts[index]).rate).toBeLessThanOrEqual(0.25);
    });
  });

  it('counts audio written at once as backlog, then measures it drained and what decoding it cost', async () => {
    const audio = onQuietLine(silence(500), firstSpeech, silence(500), secondSpeech, silence(500));
    // The threads report what they decoded just after a stream ends: earlier tests' reports may still be on their way.
    await eventually(() => engine.measureLoad().backlogSeconds === 0, 'earlier streams reported decoded', { timeoutMs: 10_000 });
    const stream = engine.open(
      { callId: 'backlog', speaker: 'agent', sampleRate: 16000, language: 'en-US' },
      {
        onSegment: () => undefined,
        onError: (error) => {
          throw error;
        },
      },
    );
    stream.write(audio.slice());
    // Written faster than real time: all of it is queued before the thread has decoded any.
    expect(engine.measureLoad().backlogSeconds).toBeCloseTo(durationMs(audio) / 1000, 3);
    expect(engine.measureLoad().openStreams).toBeGreaterThanOrEqual(1);
    await stream.end();
    await eventually(() => engine.measureLoad().backlogSeconds === 0, 'the backlog drained', { timeoutMs: 10_000 });
    const { realTimeFactor, parallelism } = engine.measureLoad();
    expect(realTimeFactor).toBeGreaterThan(0);
    expect(realTimeFactor).toBeLessThan(5);
    expect(parallelism).toBeGreaterThanOrEqual(1);
    expect(parallelism).toBeLessThanOrEqual(2);
  });

  it('refuses writes after end()', async () => {
    const errors: Error[] = [];
    const stream = engine.open(
      { callId: 'c', speaker: 'agent', sampleRate: 16000, language: 'en-US' },
      { onSegment: () => undefined, onError: (error) => errors.push(error) },
    );
    await stream.end();

    expect(() => stream.write(new Int16Array(160))).toThrow(expect.objectContaining({ code: PocketsphinxErrorCode.StreamEnded }));
    expect(errors).toEqual([]);
  });

  it('rejects start() with the Debian packages to install when a model is missing', async () => {
    const misconfigured = new PocketsphinxEngine({ acousticModelPath: join(directory, 'no-such-model'), workerCount: 1 });

    await expect(misconfigured.start()).rejects.toMatchObject({
      code: PocketsphinxErrorCode.NotInstalled,
      message: expect.stringContaining('apt-get install libpocketsphinx3 pocketsphinx-en-us'),
    });
    expect(() =>
      misconfigured.open(
        { callId: 'c', speaker: 'caller', sampleRate: 16000, language: 'en-US' },
        { onSegment: () => undefined, onError: () => undefined },
      ),
    ).toThrow(expect.objectContaining({ code: PocketsphinxErrorCode.NotRunning }));
  });
});

function silence(durationMs: number): Int16Array {
  return new Int16Array(Math.round(durationMs * 16));
}

function durationMs(pcm: Int16Array): number {
  return pcm.length / 16;
}
