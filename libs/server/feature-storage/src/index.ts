export { CALL_STORAGE, type CallStorage, openCallStorage } from './lib/call-storage';
export { StorageModule } from './lib/storage.module';
