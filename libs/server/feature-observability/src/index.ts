export { ObservabilityController, type ReadinessBody } from './lib/observability.controller';
export { ObservabilityModule } from './lib/observability.module';
