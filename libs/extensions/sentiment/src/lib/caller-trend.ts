import type { SentimentOptions } from './sentiment-options';

/** What one more caller reading changed. */
export interface CallerReading {
  /** The mean of the caller's latest scores, this one included. */
  readonly trend: number;
  /** True once per negative run: the caller's last `negativeRun` finals all read negative, and had not yet. */
  readonly turnedNegative: boolean;
}

interface CallerState {
  readonly scores: number[];
  negativeInARow: number;
}

/**
 * The caller's latest sentiment scores of each call: their rolling mean (the trend) and whether
 * the caller just turned negative, i.e. the last K finals all read below the threshold. A run
 * alerts once, when it reaches K; a final that is not negative ends it, and the next run may
 * alert again. Bounded: beyond `trackedCalls` calls the one tracked longest is forgotten.
 */
export class CallerTrends {
  private readonly calls = new Map<string, CallerState>();

  constructor(private readonly options: Pick<SentimentOptions, 'negativeRun' | 'negativeBelow' | 'trendWindow' | 'trackedCalls'>) {}

  /** Records the caller's `score` in `callId`. */
  record(callId: string, score: number): CallerReading {
    const state = this.stateOf(callId);
    state.scores.push(score);
    if (state.scores.length > this.options.trendWindow) state.scores.shift();
    state.negativeInARow = score < this.options.negativeBelow ? state.negativeInARow + 1 : 0;
    return { trend: mean(state.scores), turnedNegative: state.negativeInARow === this.options.negativeRun };
  }

  /** The caller's trend in `callId`, undefined before the caller's first final. */
  trendOf(callId: string): number | undefined {
    const scores = this.calls.get(callId)?.scores;
    return scores && scores.length > 0 ? mean(scores) : undefined;
  }

  /** Forgets the call (it ended). */
  forget(callId: string): void {
    this.calls.delete(callId);
  }

  /** How many calls are tracked. */
  get size(): number {
    return this.calls.size;
  }

  private stateOf(callId: string): CallerState {
    let state = this.calls.get(callId);
    if (!state) {
      if (this.calls.size >= this.options.trackedCalls) this.calls.delete(this.calls.keys().next().value as string);
      state = { scores: [], negativeInARow: 0 };
      this.calls.set(callId, state);
    }
    return state;
  }
}

function mean(values: readonly number[]): number {
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 1000) / 1000;
}
