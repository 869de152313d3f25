import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Type, type ValueProvider } from '@nestjs/common';
import { AuthModule } from '@tnt/server/feature-auth';
import { CALL_ARCHIVE, type CallArchive } from '@tnt/server/util-call-archive';
import { CallsController } from './calls.controller';

/** Where the history API reads calls from, chosen by the composition root. */
export interface HistoryModuleOptions {
  /** Modules whose exports the archive factory injects (e.g. the storage module that opens the database). */
  readonly imports?: ModuleMetadata['imports'];
  /** The archive of stored calls: a value, or a factory with the tokens it injects. */
  readonly archive: Omit<ValueProvider<CallArchive>, 'provide'> | Omit<FactoryProvider<CallArchive>, 'provide'>;
  /**
   * The auth module whose guard checks bearer tokens: the one the rest of the server imports (the same
   * object), e.g. `AuthModule.forRoot({ users })` when the users live in PostgreSQL. Default: `AuthModule`.
   */
  readonly auth?: Type | DynamicModule;
}

/**
 * The call history API under `/api/calls`: it reads the {@link CallArchive} it is given and
 * checks bearer tokens with the auth module's guard.
 */
@Module({})
export class HistoryModule {
  /** The history API over `options.archive`. */
  static forRoot(options: HistoryModuleOptions): DynamicModule {
    return {
      module: HistoryModule,
      imports: [options.auth ?? AuthModule, ...(options.imports ?? [])],
      controllers: [CallsController],
      providers: [{ provide: CALL_ARCHIVE, ...options.archive } as ValueProvider | FactoryProvider],
    };
  }
}
