/**
 * Browser end-to-end tests: the built gateway as a real process serving the built dashboard,
 * driven in Debian's Chromium through playwright-core, with a TCP proxy the tests can cut.
 */
module.exports = {
  displayName: 'dashboard-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['**/*.e2e.spec.ts'],
  testTimeout: 120_000,
};
