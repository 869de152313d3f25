/** Jest settings for server-feature-demo; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-demo',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
