/**
 * Builds one domain language model, as the gateway does for TNT_DOMAIN_TEXT_FILE, for the speech
 * benchmark's batch CLI rows. Runs as a process of its own (the benchmark is a tools project and
 * may not import server code):
 *
 *   node dist/server/libs/server/data-access-engine-pocketsphinx/src/bench/domain-model-probe.js <domain text> <output directory>
 *
 * Prints one JSON line: the `DomainModel` and `buildMs`, the build's wall time.
 */
import { readFileSync } from 'node:fs';
import { buildDomainModel } from '../lib/language-model/build-domain-model';

const GENERIC = '/usr/share/pocketsphinx/model/en-us';
const [domainTextPath, outputDirectory] = process.argv.slice(2);
if (!domainTextPath || !outputDirectory) throw new Error('usage: domain-model-probe.js <domain text> <output directory>');
const started = performance.now();
buildDomainModel({
  domainText: readFileSync(domainTextPath, 'utf8'),
  domainTextName: domainTextPath,
  genericModelPath: `${GENERIC}/en-us.lm.bin`,
  genericDictionaryPath: `${GENERIC}/cmudict-en-us.dict`,
  outputDirectory,
}).then(
  (model) => console.log(JSON.stringify({ ...model, buildMs: performance.now() - started })),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
