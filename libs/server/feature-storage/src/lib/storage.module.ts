import { Logger, Module } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { CALL_STORAGE, openCallStorage } from './call-storage';
import { StorageMaintenanceService } from './storage-maintenance.service';

/**
 * Opens the `CallStorage` chosen by `TNT_STORE` (SQLite in `TNT_DATA_DIR` by default, or
 * memory only) and exports it as {@link CALL_STORAGE}: its `eventStore` for the sessions, its
 * `archive` for the history API. The composition root hands each to the module that uses it.
 * Retention runs here, and the store is closed at shutdown.
 */
@Module({
  providers: [
    { provide: CALL_STORAGE, inject: [TNT_CONFIG], useFactory: (config: TntConfig) => openCallStorage(config, new Logger('Storage')) },
    StorageMaintenanceService,
  ],
  exports: [CALL_STORAGE],
})
export class StorageModule {}
