export { ConfigError, type Environment } from './lib/env-parsers';
export {
  BUS_KINDS,
  type BusKind,
  ENGINE_NAMES,
  type EngineName,
  isCluster,
  loadConfig,
  LOG_LEVELS,
  STORE_KINDS,
  type StoreKind,
  type TntConfig,
} from './lib/tnt-config';
export { ConfigModule, TNT_CONFIG } from './lib/config.module';
export { type SpeechCapacityConfig } from './lib/speech-capacity-config';
export { type TranscriptFormatConfig } from './lib/transcript-format-config';
