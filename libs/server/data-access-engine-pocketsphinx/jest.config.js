/** Jest settings for server-data-access-engine-pocketsphinx; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-engine-pocketsphinx',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  // Tests decode real speech; a few seconds per test can triple on a busy two-core machine.
  testTimeout: 30_000,
};
