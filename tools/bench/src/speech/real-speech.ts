import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { soxSamples, WordErrorTotals } from '@tnt/shared/util-testing';
import { runSimulation, type GatewayCredentials } from '@tnt/tools/feature-simulator';
import type { Conversation } from '@tnt/tools/util-speech';
import { batchTranscribe } from './batch-baseline';

/** Real recorded read speech with its transcription: Debian's pocketsphinx-testdata. */
const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';
const SAMPLE_RATE = 16000;

/** One LibriVox clip and what is said in it. */
interface Clip {
  readonly samples: Int16Array;
  readonly text: string;
}

function librivoxClips(): Clip[] {
  const ids = readFileSync(join(LIBRIVOX, 'fileids'), 'utf8').trim().split('\n');
  const lines = readFileSync(join(LIBRIVOX, 'transcription'), 'utf8').trim().split('\n');
  return ids.map((id, index) => ({
    samples: soxSamples(join(LIBRIVOX, `${id}.wav`)),
    text: lines[index]
      .replace(/\(.*\)$/, '')
      .replace(/<\/?s>/g, '')
      .trim(),
  }));
}

/** `samples` followed by silence up to `length`. */
function padded(samples: Int16Array, length: number): Int16Array {
  const track = new Int16Array(length);
  track.set(samples);
  return track;
}

/**
 * Every clip one after another, twice over (about 55 s, longer than the 38.5 s over which 8 calls start),
 * starting at clip `first`, with half a second between clips.
 */
function reading(clips: readonly Clip[], first: number): Clip {
  const order = [...clips, ...clips].map((_, index) => clips[(first + index) % clips.length]);
  const gap = new Int16Array(SAMPLE_RATE / 2);
  const samples = new Int16Array(order.reduce((length, clip) => length + clip.samples.length + gap.length, 0));
  let offset = 0;
  for (const clip of order) {
    samples.set(clip.samples, offset);
    offset += clip.samples.length + gap.length;
  }
  return { samples, text: order.map((clip) => clip.text).join(' ') };
}

/** A two-speaker call: the caller and the agent each read every clip, in a different order, both from the start. */
function clipCall(caller: Clip, agent: Clip, name: string): Conversation {
  const length = Math.max(caller.samples.length, agent.samples.length);
  const durationMs = (length * 1000) / SAMPLE_RATE;
  const turn = (speaker: 'caller' | 'agent', clip: Clip) => ({
    speaker,
    text: clip.text,
    startMs: 0,
    endMs: (clip.samples.length * 1000) / SAMPLE_RATE,
  });
  return {
    directory: `${LIBRIVOX} (${name})`,
    script: {
      name,
      title: 'LibriVox read speech',
      sampleRate: SAMPLE_RATE,
      durationMs,
      voices: { caller: 'librivox', agent: 'librivox' },
      turns: [turn('caller', caller), turn('agent', agent)],
    },
    sampleRate: SAMPLE_RATE,
    caller: padded(caller.samples, length),
    agent: padded(agent.samples, length),
    stereo: new Int16Array(0),
  };
}

/** Streaming next to batch on real speech. */
export interface RealSpeechAccuracy {
  /** Calls measured: those the gateway took. */
  readonly calls: number;
  /** Calls the gateway refused at capacity. */
  readonly refused: number;
  readonly streams: number;
  readonly streaming: number;
  readonly batch: number;
}

/**
 * Word error rate on real recorded speech (the LibriVox clips of pocketsphinx-testdata), streamed at
 * real time through `/ingest/l16` as `calls` two-speaker calls (each speaker reads every clip, in an
 * order of its own), started 5.5 s apart as the gateway's admission control lets calls in, so all
 * `calls` run at once by the last start; next to `pocketsphinx_continuous` on every clip.
 */
export async function measureRealSpeechAccuracy(
  baseUrl: string,
  credentials: GatewayCredentials,
  calls: number,
): Promise<RealSpeechAccuracy> {
  const clips = librivoxClips();
  const conversations = Array.from({ length: calls }, (_, index) =>
    clipCall(reading(clips, index), reading(clips, index + 2), `librivox-call-${index + 1}`),
  );
  // The admission window of the calls measured just before (one new call per 5 s near capacity) passes first.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  let refused = 0;
  const summary = await runSimulation({
    baseUrl,
    credentials,
    endpoint: 'l16',
    conversations,
    calls,
    speed: 1,
    staggerMs: 5500,
    callIdPrefix: `real-speech-${Date.now()}`,
    // A call the gateway turns away is not measured, and counted: the row says how many ran at once.
    onRefused: () => refused++,
  });
  // Every speaker reads every clip twice: the batch figure is every clip once, the same rate.
  const batch = new WordErrorTotals();
  for (const clip of clips) batch.add(clip.text, await batchTranscribe(clip.samples, SAMPLE_RATE));
  return { calls: calls - refused, refused, streams: (calls - refused) * 2, streaming: summary.wordErrors.rate, batch: batch.rate };
}
