/** Jest settings for server-feature-sessions; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-sessions',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
