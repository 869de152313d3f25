/** Jest settings for server-feature-server; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-server',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
