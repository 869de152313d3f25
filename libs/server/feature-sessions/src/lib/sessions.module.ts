import {
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type ValueProvider,
} from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { CALL_EVENT_BUS, type CallEventBus } from './call-event-bus';
import { CALL_EVENT_STORE, type CallEventStore } from './call-event-store';
import { CallSessionService } from './call-session.service';
import { CallStoreReadiness } from './call-store-readiness';

/** How an adapter is made: a value, a class, or a factory with the tokens it injects. */
export type AdapterProvider<T> =
  Omit<ValueProvider<T>, 'provide'> | Omit<ClassProvider<T>, 'provide'> | Omit<FactoryProvider<T>, 'provide'>;

/** The adapters the sessions run on, chosen by the composition root. */
export interface SessionsModuleOptions {
  /** Modules whose exports the store and bus factories inject (e.g. the storage module that opens the database). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where calls and their events are kept: memory, or a durable store. */
  readonly store: AdapterProvider<CallEventStore>;
  /** How events reach every subscriber: the in-process bus, or a multi-instance one. */
  readonly bus: AdapterProvider<CallEventBus>;
}

/** Call sessions ({@link CallSessionService}) over the store and bus the application gives it. */
@Module({})
export class SessionsModule {
  /**
   * Sessions on `store` and `bus`, e.g.
   * `SessionsModule.forRoot({ store: { useValue: new MemoryCallEventStore(5000) }, bus: { useClass: LocalCallEventBus } })`.
   * Import the returned module (the same object) wherever the sessions are used.
   */
  static forRoot(options: SessionsModuleOptions): DynamicModule {
    return {
      module: SessionsModule,
      imports: [MetricsModule, ...(options.imports ?? [])],
      providers: [
        { provide: CALL_EVENT_STORE, ...options.store } as ValueProvider | ClassProvider | FactoryProvider,
        { provide: CALL_EVENT_BUS, ...options.bus } as ValueProvider | ClassProvider | FactoryProvider,
        CallSessionService,
        CallStoreReadiness,
      ],
      exports: [CallSessionService],
    };
  }
}
