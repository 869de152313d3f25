/** Jest settings for server-feature-history; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-history',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
