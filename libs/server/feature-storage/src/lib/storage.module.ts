import { Global, Logger, Module } from '@nestjs/common';
import { CALL_EVENT_STORE } from '@tnt/server/feature-sessions';
import { CALL_ARCHIVE } from '@tnt/server/util-call-archive';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { CALL_STORAGE, openCallStorage, type CallStorage } from './call-storage';
import { StorageMaintenanceService } from './storage-maintenance.service';

/**
 * Provides the {@link CALL_EVENT_STORE} the sessions write to and the {@link CALL_ARCHIVE} the
 * history API reads, chosen by `TNT_STORE`: SQLite in `TNT_DATA_DIR` (default) or memory only.
 */
@Global()
@Module({
  providers: [
    { provide: CALL_STORAGE, inject: [TNT_CONFIG], useFactory: (config: TntConfig) => openCallStorage(config, new Logger('Storage')) },
    { provide: CALL_EVENT_STORE, inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.eventStore },
    { provide: CALL_ARCHIVE, inject: [CALL_STORAGE], useFactory: (storage: CallStorage) => storage.archive },
    StorageMaintenanceService,
  ],
  exports: [CALL_EVENT_STORE, CALL_ARCHIVE],
})
export class StorageModule {}
