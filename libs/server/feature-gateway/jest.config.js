/** Jest settings for server-feature-gateway; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-gateway',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
