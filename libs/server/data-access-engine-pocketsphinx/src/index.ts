export { PocketsphinxEngine, type PocketsphinxWorkerErrorHandler } from './lib/pocketsphinx-engine';
export {
  DEBIAN_ENGLISH_MODEL_DIRECTORY,
  POCKETSPHINX_SAMPLE_RATE,
  defaultLibraryPath,
  type PocketsphinxEngineOptions,
} from './lib/pocketsphinx-options';
export { POCKETSPHINX_INSTALL_COMMAND } from './lib/installation-check';
export { PocketsphinxError, PocketsphinxErrorCode } from './lib/pocketsphinx-error';
export { TUNED_DECODER_PARAMETERS } from './lib/tuned-decoder-parameters';
export { buildDomainModel, MAXIMUM_DOMAIN_WEIGHT, type DomainModel, type DomainModelInput } from './lib/language-model/build-domain-model';
export { DomainInputError, parseDomainText, parseVocabulary } from './lib/language-model/domain-text';
export { buildDomainModelInThread, DomainModelBuildError } from './lib/language-model/build-in-thread';
