/** Jest settings for server-util-engine; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-engine',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
