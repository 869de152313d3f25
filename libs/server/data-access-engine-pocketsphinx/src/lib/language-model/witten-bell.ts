import { emptyModel, normaliseBackoffs, type BackoffModel } from './backoff-model';

/** Sentence start and end as sphinxbase's models spell them. */
export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';

/**
 * Builds an interpolated Witten-Bell back-off model of `order` from tokenised sentences. Every
 * word of `vocabulary` that the sentences never use shares the unigram mass Witten-Bell keeps for
 * unseen words, so the model gives every word another model knows a probability (needed to mix
 * them). Witten-Bell rather than Kneser-Ney: a domain text is a few hundred sentences, where
 * count-of-counts discounts are unreliable.
 */
export function buildWittenBell(sentences: readonly (readonly string[])[], order: number, vocabulary: Iterable<string> = []): BackoffModel {
  const counts = Array.from({ length: order }, () => new Map<string, number>());
  for (const sentence of sentences) {
    const words = [SENTENCE_START, ...sentence, SENTENCE_END];
    for (let end = 1; end <= words.length; end++) {
      for (let k = 1; k <= order && end - k >= 0; k++) {
        const key = words.slice(end - k, end).join(' ');
        // <s> is never predicted: it is counted only as a context.
        if (k === 1 && key === SENTENCE_START) continue;
        counts[k - 1].set(key, (counts[k - 1].get(key) ?? 0) + 1);
      }
    }
  }
  const model = emptyModel(order);
  const seen = counts[0];
  const unseen = [...new Set(vocabulary)].filter((word) => !seen.has(word) && word !== SENTENCE_START);
  const total = [...seen.values()].reduce((sum, count) => sum + count, 0);
  const types = seen.size;
  // Unseen words get Witten-Bell's reserved mass T/(N+T), spread evenly; without any, a uniform floor.
  const reserved = unseen.length > 0 ? types / (total + types) : 0;
  for (const [word, count] of seen) model.logProbs[0].set(word, Math.log10((count / total) * (1 - reserved)));
  for (const word of unseen) model.logProbs[0].set(word, Math.log10(reserved / unseen.length));
  model.logProbs[0].set(SENTENCE_START, -99);
  for (let k = 2; k <= order; k++) {
    const contextTotals = new Map<string, { tokens: number; types: number }>();
    for (const [key, count] of counts[k - 1]) {
      const context = key.slice(0, key.lastIndexOf(' '));
      const totals = contextTotals.get(context) ?? { tokens: 0, types: 0 };
      totals.tokens += count;
      totals.types += 1;
      contextTotals.set(context, totals);
    }
    const lower = model.logProbs[k - 2];
    for (const [key, count] of counts[k - 1]) {
      const cut = key.lastIndexOf(' ');
      const totals = contextTotals.get(key.slice(0, cut)) as { tokens: number; types: number };
      const lowerKey = key.slice(key.indexOf(' ') + 1);
      const lowerProb = 10 ** (lower.get(lowerKey) ?? -99);
      const interpolated = (count + totals.types * lowerProb) / (totals.tokens + totals.types);
      model.logProbs[k - 1].set(key, Math.log10(interpolated));
    }
    normaliseBackoffs(model, k);
  }
  return model;
}
