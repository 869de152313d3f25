/**
 * Jest settings for the dashboard. The workspace preset compiles with SWC for Node; Angular needs
 * jest-preset-angular's transform (templates, signal inputs, ESM-only @angular packages) and jsdom,
 * so only the preset's shared pieces are reused: the alias mapper, test file pattern and clearMocks.
 * `ws` is mapped to its Node entry so specs can run a real WebSocketServer as the socket's peer.
 */
const { createCjsPreset } = require('jest-preset-angular/presets');
const workspacePreset = require('../../jest.preset.js');

module.exports = {
  displayName: 'dashboard',
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: __dirname,
  moduleNameMapper: { ...workspacePreset.moduleNameMapper, '^ws$': require.resolve('ws') },
  testMatch: workspacePreset.testMatch,
  clearMocks: workspacePreset.clearMocks,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
};
