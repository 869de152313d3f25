/**
 * A back-off n-gram language model in memory, as ARPA describes one: for each order, the log10
 * probability of every listed n-gram and the log10 back-off weight of those that are contexts.
 * Keys are the n-gram's words joined by single spaces.
 */
export interface BackoffModel {
  /** `logProbs[k - 1]`: the k-grams' log10 probabilities. */
  readonly logProbs: readonly Map<string, number>[];
  /** `backoffs[k - 1]`: the k-grams' log10 back-off weights; a missing entry is 0 (weight 1). */
  readonly backoffs: readonly Map<string, number>[];
}

/** log10 of zero probability as ARPA writes it. */
export const LOG10_ZERO = -99;

/** The order of a model: its longest n-grams. */
export const orderOf = (model: BackoffModel): number => model.logProbs.length;

/** An empty model of `order` to fill. */
export function emptyModel(order: number): { logProbs: Map<string, number>[]; backoffs: Map<string, number>[] } {
  return {
    logProbs: Array.from({ length: order }, () => new Map<string, number>()),
    backoffs: Array.from({ length: order }, () => new Map<string, number>()),
  };
}

/**
 * log10 P(word | history) by the model's back-off rule; `history` is the preceding words, oldest
 * first, and only its last `order - 1` count. A word the model does not know gets LOG10_ZERO.
 */
export function logProbability(model: BackoffModel, history: readonly string[], word: string): number {
  const usable = history.slice(Math.max(0, history.length - (orderOf(model) - 1)));
  let backoff = 0;
  for (let start = 0; start <= usable.length; start++) {
    const context = usable.slice(start);
    const key = context.length > 0 ? `${context.join(' ')} ${word}` : word;
    const logProb = model.logProbs[context.length].get(key);
    if (logProb !== undefined) return logProb + backoff;
    if (context.length > 0) backoff += model.backoffs[context.length - 1].get(context.join(' ')) ?? 0;
  }
  return LOG10_ZERO;
}

/** The model as ARPA text, n-grams in insertion order, four decimals as sphinxbase writes them. */
export function* arpaLines(model: BackoffModel): Generator<string> {
  yield '\\data\\';
  for (let k = 1; k <= orderOf(model); k++) yield `ngram ${k}=${model.logProbs[k - 1].size}`;
  for (let k = 1; k <= orderOf(model); k++) {
    yield '';
    yield `\\${k}-grams:`;
    const backoffs = model.backoffs[k - 1];
    for (const [key, logProb] of model.logProbs[k - 1]) {
      const backoff = k < orderOf(model) ? backoffs.get(key) : undefined;
      yield backoff === undefined ? `${logProb.toFixed(4)}\t${key}` : `${logProb.toFixed(4)}\t${key}\t${backoff.toFixed(4)}`;
    }
  }
  yield '';
  yield '\\end\\';
}

/**
 * Sets the back-off weight of every context of order `order - 1` so that each context's
 * distribution sums to one: bo(h) = (1 − Σ listed P(w|h)) / (1 − Σ listed P(w|h′)), h′ being h
 * without its oldest word, the lower order read from the model itself as written.
 */
export function normaliseBackoffs(model: BackoffModel, order: number): void {
  const listedMass = new Map<string, number>();
  const lowerMass = new Map<string, number>();
  for (const [key, logProb] of model.logProbs[order - 1]) {
    const cut = key.lastIndexOf(' ');
    const context = key.slice(0, cut);
    const words = key.split(' ');
    listedMass.set(context, (listedMass.get(context) ?? 0) + 10 ** logProb);
    lowerMass.set(context, (lowerMass.get(context) ?? 0) + 10 ** logProbability(model, words.slice(1, -1), words[words.length - 1]));
  }
  const backoffs = model.backoffs[order - 2];
  for (const context of model.logProbs[order - 2].keys()) backoffs.delete(context);
  for (const [context, mass] of listedMass) {
    // Floors keep a context whose listed words take (almost) all the mass from dividing by zero.
    const left = Math.max(1 - mass, 1e-9);
    const lowerLeft = Math.max(1 - (lowerMass.get(context) ?? 0), 1e-9);
    backoffs.set(context, Math.log10(left / lowerLeft));
  }
}
