/** Jest settings for server-feature-storage; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-storage',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
