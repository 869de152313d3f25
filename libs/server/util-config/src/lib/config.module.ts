import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { TntConfig } from './tnt-config';

/** Injection token of the validated {@link TntConfig}. */
export const TNT_CONFIG = Symbol('TNT_CONFIG');

/** Makes one validated configuration injectable everywhere as {@link TNT_CONFIG}. */
@Global()
@Module({})
export class ConfigModule {
  /** Provides `config`, loaded and validated before Nest starts. */
  static forRoot(config: TntConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: TNT_CONFIG, useValue: config }], exports: [TNT_CONFIG] };
  }
}
