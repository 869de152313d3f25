export { describeExtensionSettingsContract, type ExtensionSettingsUnderTest } from './extension-settings-contract';
