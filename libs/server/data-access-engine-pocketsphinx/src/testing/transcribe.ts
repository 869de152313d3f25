import type { EngineSegment, TranscriptionEngine } from '@tnt/server/util-engine';

/** Everything one stream produced, in arrival order. */
export interface Transcript {
  readonly segments: readonly EngineSegment[];
  readonly finals: readonly EngineSegment[];
}

/** Chunk sizes that divide no frame or block size the decoder uses. */
export const ODD_CHUNK_SAMPLES: readonly number[] = [317, 1999, 83, 4801, 640, 7];

/**
 * Streams `pcm` through a new stream of `engine` in chunks cycling through `chunkSamples`,
 * ends it and returns what came back. Each chunk is a fresh copy, so `pcm` stays intact.
 */
export async function transcribe(
  engine: TranscriptionEngine,
  pcm: Int16Array,
  chunkSamples: readonly number[] = ODD_CHUNK_SAMPLES,
): Promise<Transcript> {
  const segments: EngineSegment[] = [];
  let failure: Error | null = null;
  const stream = engine.open(
    { callId: 'test-call', speaker: 'caller', sampleRate: 16000, language: 'en-US' },
    { onSegment: (segment) => segments.push(segment), onError: (error) => (failure = error) },
  );
  for (let offset = 0, chunk = 0; offset < pcm.length; chunk++) {
    const size = chunkSamples[chunk % chunkSamples.length];
    stream.write(pcm.slice(offset, offset + size));
    offset += size;
  }
  await stream.end();
  if (failure) throw failure;
  return { segments, finals: segments.filter((segment) => segment.isFinal) };
}
