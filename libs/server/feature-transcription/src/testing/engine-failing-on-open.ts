import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import type { EngineStreamListener, EngineStreamOptions, TranscriptionStream } from '@tnt/server/util-engine';

/**
 * The scripted engine, except that opening its `failingOpen`-th stream throws, as an engine whose decoder pool is
 * exhausted would (with one call, `2` is its second speaker). It counts the streams it opened and ended, so a test
 * can check that a failed start closes what it had opened.
 */
export class EngineFailingOnOpen extends ScriptedEngine {
  /** Streams asked for so far, the failing one included. */
  opened = 0;
  /** Streams ended so far. */
  ended = 0;

  constructor(private readonly failingOpen: number) {
    super();
  }

  override open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream {
    if (++this.opened === this.failingOpen) throw new Error('no decoder left in the pool');
    const stream = super.open(options, listener);
    return { write: (pcm) => stream.write(pcm), end: () => stream.end().then(() => void this.ended++) };
  }
}
