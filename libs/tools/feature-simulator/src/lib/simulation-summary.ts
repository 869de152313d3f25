import type { Speaker } from '@tnt/protocol';
import { WordErrorTotals, type WordErrorRate } from '@tnt/shared/util-testing';
import type { SimulatedCall } from './l16-call';
import type { WatchedCall } from './transcript-watcher';
import type { Conversation } from '@tnt/tools/util-speech';

/** One finished simulated call: what was said, what the gateway heard, and how well. */
export interface SimulatedCallResult {
  readonly call: SimulatedCall;
  readonly conversation: Conversation;
  readonly watched: WatchedCall;
  /** `performance.now()` when the call's first audio frame was sent. */
  readonly streamStartedAt: number;
  /** The pace the audio was sent at. */
  readonly speed: number;
  /** Word error rate per speaker against the conversation's reference text. */
  readonly wordErrorRate: Record<Speaker, number>;
}

/**
 * What a simulation run has to show, in memory that does not grow with the number of calls:
 * running word-error totals over every finished call, and only the most recent calls in full
 * (a call's result holds its whole audio and transcript, so a loop that kept them all would grow without end).
 */
export class SimulationSummary {
  /** Word errors over every finished call, both speakers pooled. */
  readonly wordErrors = new WordErrorTotals();
  /** Word errors over every finished call, per speaker. */
  readonly wordErrorsBySpeaker: Readonly<Record<Speaker, WordErrorTotals>> = {
    caller: new WordErrorTotals(),
    agent: new WordErrorTotals(),
  };
  private finished = 0;
  private readonly recentResults: SimulatedCallResult[] = [];

  /** @param keepRecent how many finished calls to keep in full (at least 1). */
  constructor(readonly keepRecent: number) {
    if (!Number.isInteger(keepRecent) || keepRecent < 1) throw new RangeError(`keepRecent must be a positive integer (got ${keepRecent})`);
  }

  /** Adds a finished call with its per-speaker scores; the oldest kept call makes room if needed. */
  add(result: SimulatedCallResult, scores: Readonly<Record<Speaker, WordErrorRate>>): void {
    this.finished++;
    for (const speaker of ['caller', 'agent'] as const) {
      this.wordErrors.addScore(scores[speaker]);
      this.wordErrorsBySpeaker[speaker].addScore(scores[speaker]);
    }
    this.recentResults.push(result);
    if (this.recentResults.length > this.keepRecent) this.recentResults.shift();
  }

  /** How many calls finished. */
  get finishedCalls(): number {
    return this.finished;
  }

  /** The last {@link keepRecent} finished calls, oldest first. */
  get recent(): readonly SimulatedCallResult[] {
    return this.recentResults;
  }
}
