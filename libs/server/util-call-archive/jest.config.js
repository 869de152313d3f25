/** Jest settings for server-util-call-archive; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-call-archive',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
