/**
 * Shared Jest settings for every server-side and tooling project.
 * TypeScript is compiled by SWC (fast, and it keeps decorator metadata for Nest's injector);
 * workspace aliases are mapped from tsconfig.base.json so tests import libs by their public name.
 */
const { pathsToModuleNameMapper } = require('./tools/jest/paths-to-module-name-mapper');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|js)$': ['@swc/jest', require('./tools/jest/swc-options')],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: ['**/?(*.)+(spec|test).ts'],
  clearMocks: true,
  setupFiles: [require.resolve('./tools/jest/quiet-nest-logger.js')],
};
