import { type Token } from './tokens';

/** The longest proper noun looked up, in words. */
const MAX_WORDS = 4;

/**
 * Proper nouns by their spoken form: the lower case words a speech engine writes for them
 * (`new york` → `New York`, `paypal` → `PayPal`).
 */
export class ProperNounLexicon {
  private readonly written = new Map<string, string[]>();
  /**
   * The first spoken word of every entry: most words of a transcript start no proper noun, and this
   * lets {@link apply} pass them without building the runs it would look up.
   */
  private readonly firstWords = new Set<string>();

  /** Later entries win over earlier ones with the same spoken form, so deployments can respell built-in names. */
  constructor(entries: Iterable<string>) {
    for (const entry of entries) {
      const words = entry.trim().split(/\s+/);
      if (words.length === 0 || words[0] === '' || words.length > MAX_WORDS) continue;
      const spoken = words.map((word) => word.toLowerCase());
      this.written.set(spoken.join(' '), words);
      this.firstWords.add(spoken[0]);
    }
  }

  /** How many entries it holds. */
  get size(): number {
    return this.written.size;
  }

  /** Writes every known proper noun as the lexicon spells it, longest match first. */
  apply(tokens: readonly Token[]): Token[] {
    const output = [...tokens];
    for (let index = 0; index < output.length; index++) {
      if (!this.firstWords.has(output[index].key)) continue;
      for (let length = Math.min(MAX_WORDS, output.length - index); length >= 1; length--) {
        const run = output.slice(index, index + length);
        // A name ends at punctuation and never swallows a word a rule already wrote.
        if (run.some((token, offset) => token.fixed || (offset < length - 1 && token.tail !== ''))) continue;
        const words = this.written.get(run.map((token) => token.key).join(' '));
        if (!words) continue;
        words.forEach((word, offset) => {
          output[index + offset] = { ...output[index + offset], word, fixed: true };
        });
        index += length - 1;
        break;
      }
    }
    return output;
  }
}
