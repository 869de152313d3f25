/** Jest settings for server-feature-cluster; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-cluster',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
