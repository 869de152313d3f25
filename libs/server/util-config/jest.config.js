/** Jest settings for server-util-config; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-config',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
