/**
 * Remembers, per key, the last input a pure text step was given and what it gave, so that the same
 * input again is answered without running the step. Speech engines repeat themselves: an interim
 * hypothesis often has the same words as the one before it (no new word was heard in between, a
 * quarter of a second of audio), and a final often has its last interim's words. A processor keys
 * the memo by call and speaker (and field), so each key holds one line being spoken.
 *
 * At most `maxKeys` keys are held; past that the one set longest ago is forgotten, so ended calls
 * do not pile up (a processor also forgets a call's keys when it ends: see {@link forget}). Forgetting
 * only costs running the step again: the answer is the same either way,
 * which is why the step must be pure (its output depends on `input` alone).
 */
export class RepeatedInputMemo<Input, Output> {
  private readonly last = new Map<string, { readonly input: Input; readonly output: Output }>();

  /**
   * @param sameInput true when two inputs give the same output (e.g. equal strings).
   */
  constructor(
    private readonly maxKeys: number,
    private readonly sameInput: (held: Input, given: Input) => boolean,
  ) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer (got ${maxKeys})`);
  }

  /** What `step(input)` gives: the key's last output when its last input was the same, else the step's new answer. */
  get(key: string, input: Input, step: (input: Input) => Output): Output {
    const held = this.last.get(key);
    if (held !== undefined && this.sameInput(held.input, input)) return held.output;
    const output = step(input);
    if (held !== undefined) this.last.delete(key);
    else if (this.last.size >= this.maxKeys) this.last.delete(this.last.keys().next().value as string);
    this.last.set(key, { input, output });
    return output;
  }

  /** Forgets every key that starts with `prefix` (a call's lines once it has ended). */
  forget(prefix: string): void {
    for (const key of this.last.keys()) if (key.startsWith(prefix)) this.last.delete(key);
  }

  /** How many keys are held. */
  get size(): number {
    return this.last.size;
  }
}
