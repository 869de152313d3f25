/** Jest settings for server-feature-auth; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-auth',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
