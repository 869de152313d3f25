import { emptyModel, logProbability, normaliseBackoffs, orderOf, type BackoffModel } from './backoff-model';
import { SENTENCE_END, SENTENCE_START } from './witten-bell';

/** log10 of λ·10^a + (1 − λ)·10^b. */
function mixLog(domainWeight: number, domainLog: number, genericLog: number): number {
  return Math.log10(domainWeight * 10 ** domainLog + (1 - domainWeight) * 10 ** genericLog);
}

/**
 * One back-off model equal to λ·P_domain + (1 − λ)·P_generic on every n-gram either lists (the
 * static mixture SRILM's -mix-lm writes): the union of both models' n-grams, each given the mixed
 * probability, the contexts of every n-gram listed too, and back-off weights recomputed so each
 * context sums to one.
 */
export function interpolateModels(generic: BackoffModel, domain: BackoffModel, domainWeight: number): BackoffModel {
  const order = Math.max(orderOf(generic), orderOf(domain));
  const keys = Array.from({ length: order }, (_, index) => {
    const union = new Set<string>(generic.logProbs[index]?.keys() ?? []);
    for (const key of domain.logProbs[index]?.keys() ?? []) union.add(key);
    return union;
  });
  // ARPA needs every n-gram's context listed one order down (the generic model lacks a few).
  for (let k = order; k >= 2; k--) {
    for (const key of keys[k - 1]) keys[k - 2].add(key.slice(0, key.lastIndexOf(' ')));
  }
  const mixed = emptyModel(order);
  for (let k = 1; k <= order; k++) {
    for (const key of keys[k - 1]) {
      const words = key.split(' ');
      const history = words.slice(0, -1);
      const word = words[words.length - 1];
      const logProb =
        word === SENTENCE_START && k === 1
          ? -99
          : mixLog(domainWeight, logProbability(domain, history, word), logProbability(generic, history, word));
      mixed.logProbs[k - 1].set(key, logProb);
    }
    if (k >= 2) normaliseBackoffs(mixed, k);
  }
  return mixed;
}

/** Per-word perplexity of sentences (</s> counted) under λ·P_domain + (1 − λ)·P_generic. */
export function mixturePerplexity(
  generic: BackoffModel,
  domain: BackoffModel,
  domainWeight: number,
  sentences: readonly (readonly string[])[],
): number {
  let logSum = 0;
  let count = 0;
  for (const sentence of sentences) {
    const words = [SENTENCE_START, ...sentence, SENTENCE_END];
    for (let index = 1; index < words.length; index++) {
      const history = words.slice(0, index);
      logSum += mixLog(domainWeight, logProbability(domain, history, words[index]), logProbability(generic, history, words[index]));
      count += 1;
    }
  }
  return 10 ** (-logSum / Math.max(count, 1));
}

/** The domain weight chosen and what it was chosen from. */
export interface WeightChoice {
  readonly domainWeight: number;
  /** Held-back perplexity at each weight tried. */
  readonly perplexities: readonly { readonly domainWeight: number; readonly perplexity: number }[];
}

/**
 * Chooses λ, the domain model's weight, as the tried weight with the lowest perplexity on the
 * held-back domain sentences, never above `maximumWeight`: held-back lines come from the same
 * text, so perplexity always favours the domain, even when the calls will be about something
 * else; the cap keeps the generic model in charge of what the domain text does not cover.
 */
export function chooseDomainWeight(
  generic: BackoffModel,
  domainWithoutHeldBack: BackoffModel,
  heldBack: readonly (readonly string[])[],
  maximumWeight: number,
): WeightChoice {
  const perplexities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((domainWeight) => ({
    domainWeight,
    perplexity: mixturePerplexity(generic, domainWithoutHeldBack, domainWeight, heldBack),
  }));
  const best = perplexities.reduce((low, entry) => (entry.perplexity < low.perplexity ? entry : low));
  return { domainWeight: Math.min(best.domainWeight, maximumWeight), perplexities };
}
