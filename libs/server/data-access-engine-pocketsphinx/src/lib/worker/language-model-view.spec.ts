import { Worker } from 'node:worker_threads';
import { resolvePocketsphinxOptions } from '../pocketsphinx-options';
import { createThreadView, freeThreadView, modelReferences } from './language-model-view';
import { loadPocketsphinxLibrary, type LanguageModelHandle } from './pocketsphinx-library';

const options = resolvePocketsphinxOptions();
const library = loadPocketsphinxLibrary(options.libraryPath);
library.err_set_logfp(null);

function readModel(): { model: LanguageModelHandle; free(): void } {
  const typedArguments = options.decoderArguments.flatMap((argument) => ['str', argument]);
  const config = library.cmd_ln_init(0, library.ps_args(), 1, ...typedArguments, 'str', null);
  if (!config) throw new Error('decoder arguments rejected');
  const logMath = library.logmath_init(library.cmd_ln_float_r(config, '-logbase'), 0, 0);
  if (!logMath) throw new Error('no log-math table');
  const model = library.ngram_model_read(config, options.languageModelPath, 0, logMath);
  library.cmd_ln_free_r(config);
  if (!model) throw new Error(`cannot read ${options.languageModelPath}`);
  return {
    model,
    free: () => {
      library.ngram_model_free(model);
      library.logmath_free(logMath);
    },
  };
}

/** Word-id triples (word, previous, before previous) whose histories change at every lookup. */
function trigrams(count: number, vocabulary: number): number[] {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % vocabulary;
  };
  return Array.from({ length: count * 3 }, next);
}

function scores(model: LanguageModelHandle, triples: readonly number[]): number[] {
  const result: number[] = [];
  for (let index = 0; index < triples.length; index += 3) {
    result.push(library.ngram_tg_score(model, triples[index], triples[index + 1], triples[index + 2], [0]));
  }
  return result;
}

/**
 * Scores `triples` through `model` `rounds` times on a thread of its own and resolves with how many
 * answers differed from `expected`.
 */
function scoreOnThread(
  model: LanguageModelHandle,
  triples: readonly number[],
  expected: readonly number[],
  rounds: number,
): Promise<number> {
  const source = `
const { workerData, parentPort } = require('node:worker_threads');
const koffi = require(workerData.koffiPath);
const score = koffi.load(workerData.libraryPath).func('ngram_tg_score', 'int32_t',
  ['uintptr_t', 'int32_t', 'int32_t', 'int32_t', koffi.out(koffi.pointer('int32_t'))]);
const { model, triples, expected, rounds } = workerData;
const used = [0];
let wrong = 0;
for (let round = 0; round < rounds; round++) {
  for (let index = 0; index < triples.length; index += 3) {
    if (score(model, triples[index], triples[index + 1], triples[index + 2], used) !== expected[index / 3]) wrong++;
  }
}
parentPort.postMessage(wrong);
`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { koffiPath: require.resolve('koffi'), libraryPath: options.libraryPath, model, triples, expected, rounds },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (wrong: number) => resolve(wrong));
    worker.once('error', reject);
  });
}

describe('language model views', () => {
  let loaded: ReturnType<typeof readModel>;

  beforeAll(() => {
    loaded = readModel();
  });

  afterAll(() => loaded?.free());

  it('score every trigram exactly as the model they view does', () => {
    const triples = trigrams(2000, library.ngram_model_get_counts(loaded.model));
    const view = createThreadView(library, loaded.model);

    const throughView = scores(view, triples);

    expect(throughView).toEqual(scores(loaded.model, triples));
    expect(freeThreadView(view)).toBe(true);
  });

  it('let two threads score through views of one model at the same time and get what one thread alone gets', async () => {
    const vocabulary = library.ngram_model_get_counts(loaded.model);
    const [firstTriples, secondTriples] = [trigrams(1000, vocabulary), trigrams(1001, vocabulary).slice(3)];
    const [firstExpected, secondExpected] = [scores(loaded.model, firstTriples), scores(loaded.model, secondTriples)];
    const views = [createThreadView(library, loaded.model), createThreadView(library, loaded.model)];

    // Every lookup changes the history, so each one rewrites its view's back-off cache while the other thread reads its own.
    const wrong = await Promise.all([
      scoreOnThread(views[0], firstTriples, firstExpected, 300),
      scoreOnThread(views[1], secondTriples, secondExpected, 300),
    ]);

    expect(wrong).toEqual([0, 0]);
    expect(views.map((view) => freeThreadView(view))).toEqual([true, true]);
  });

  it("hold their maker's reference only, and are not freed while sphinxbase counts another", () => {
    const view = createThreadView(library, loaded.model);
    const modelReferencesBefore = modelReferences(loaded.model);

    expect(modelReferences(view)).toBe(1);
    // A decoder's search retains the view as sphinxbase retains any model: the count is the view's, not the model's.
    const retained = library.ngram_model_retain(view);
    expect(modelReferences(view)).toBe(2);
    expect(modelReferences(loaded.model)).toBe(modelReferencesBefore);
    expect(freeThreadView(view)).toBe(false);
    library.ngram_model_free(retained);
    expect(freeThreadView(view)).toBe(true);
  });
  it('are refused, before any pointer of the model is followed, by a library whose model header is laid out otherwise', () => {
    // A library whose counts array is not where this layout says: as a different sphinxbase build would be.
    const otherLayout = { ...library, ngram_model_counts_address: () => library.ngram_model_counts_address(loaded.model) + 8n };

    expect(() => createThreadView(otherLayout, loaded.model)).toThrow(/TNT_POCKETSPHINX_SHARED_LM=false/);
    expect(modelReferences(loaded.model)).toBeGreaterThanOrEqual(1);
  });
});
