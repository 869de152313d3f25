export * from './lib/env-parsers';
export * from './lib/tnt-config';
export * from './lib/config.module';
