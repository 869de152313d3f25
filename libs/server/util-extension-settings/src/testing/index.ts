export { describeExtensionSettingsContract, type ExtensionSettingsUnderTest } from './extension-settings-contract';
export { ManualReloadTimer, StoredSettingsInstance } from './stored-settings-instance';
