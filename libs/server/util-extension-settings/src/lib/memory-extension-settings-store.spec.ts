import { describeExtensionSettingsContract } from '../testing';
import { MemoryExtensionSettingsStore } from './memory-extension-settings-store';

describeExtensionSettingsContract('memory', async () => ({ store: new MemoryExtensionSettingsStore(), close: async () => undefined }));
