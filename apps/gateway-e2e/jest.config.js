/** End-to-end tests: the built gateway as a real process, real `ws` clients over loopback. */
module.exports = {
  displayName: 'gateway-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['**/*.e2e.spec.ts'],
  testTimeout: 60_000,
};
