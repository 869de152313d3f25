export {
  assertExpectedVersion,
  EXTENSION_SETTINGS,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from './lib/extension-settings-store';
export { MemoryExtensionSettingsStore } from './lib/memory-extension-settings-store';
