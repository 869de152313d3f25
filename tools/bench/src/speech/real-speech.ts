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

/** A two-speaker call of two clips, the caller's and the agent's, both from the start. */
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
  readonly calls: number;
  readonly streams: number;
  readonly streaming: number;
  readonly batch: number;
}

/**
 * Word error rate on real recorded speech (the LibriVox clips of pocketsphinx-testdata), streamed at
 * real time through `/ingest/l16` as `calls` two-speaker calls at once (every call's two tracks are two
 * different clips), next to `pocketsphinx_continuous` on exactly the same tracks.
 */
export async function measureRealSpeechAccuracy(
  baseUrl: string,
  credentials: GatewayCredentials,
  calls: number,
): Promise<RealSpeechAccuracy> {
  const clips = librivoxClips();
  const conversations = Array.from({ length: calls }, (_, index) =>
    clipCall(clips[index % clips.length], clips[(index + 2) % clips.length], `librivox-call-${index + 1}`),
  );
  const summary = await runSimulation({
    baseUrl,
    credentials,
    endpoint: 'l16',
    conversations,
    calls,
    speed: 1,
    callIdPrefix: `real-speech-${Date.now()}`,
  });
  const batch = new WordErrorTotals();
  const transcribed = new Map<Clip, string>();
  for (const [index] of conversations.entries()) {
    for (const clip of [clips[index % clips.length], clips[(index + 2) % clips.length]]) {
      if (!transcribed.has(clip)) transcribed.set(clip, await batchTranscribe(clip.samples, SAMPLE_RATE));
      batch.add(clip.text, transcribed.get(clip) as string);
    }
  }
  return { calls, streams: calls * 2, streaming: summary.wordErrors.rate, batch: batch.rate };
}
