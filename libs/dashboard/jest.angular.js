/**
 * Jest settings shared by every dashboard lib: jest-preset-angular's transform and jsdom (like
 * apps/dashboard), the workspace alias mapper, and `ws` mapped to its Node entry so a spec can
 * run a real in-process WebSocketServer as the peer of the browser's (jsdom's) WebSocket.
 */
const { createCjsPreset } = require('jest-preset-angular/presets');
const workspacePreset = require('../../jest.preset.js');

/**
 * @param {string} projectRoot the lib's folder (`__dirname` of its jest.config.js)
 * @param {string} displayName the lib's Nx project name
 */
module.exports = function dashboardJestConfig(projectRoot, displayName) {
  return {
    displayName,
    ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.json' }),
    rootDir: projectRoot,
    moduleNameMapper: { ...workspacePreset.moduleNameMapper, '^ws$': require.resolve('ws') },
    testMatch: workspacePreset.testMatch,
    clearMocks: workspacePreset.clearMocks,
    setupFilesAfterEnv: [require.resolve('./jest-angular-setup.js')],
  };
};
