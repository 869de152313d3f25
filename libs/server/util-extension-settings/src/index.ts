export {
  assertExpectedVersion,
  EXTENSION_SETTINGS,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from './lib/extension-settings-store';
export { MemoryExtensionSettingsStore } from './lib/memory-extension-settings-store';
export { expectedSettingsVersion, settingsConflictError, withSettingsETag } from './lib/settings-http';
export {
  INTERVAL_RELOAD_TIMER,
  StoredSettingsDocument,
  type ReloadTimer,
  type SettingInForce,
  type SettingsDocumentOptions,
} from './lib/stored-settings-document';
export { StoredSettingsProvider, type SettingsProviderOptions } from './lib/stored-settings-provider';
