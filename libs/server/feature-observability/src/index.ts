export * from './lib/metrics.service';
export * from './lib/observability.controller';
export * from './lib/observability.module';
