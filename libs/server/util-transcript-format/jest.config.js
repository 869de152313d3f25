/** Jest settings for server-util-transcript-format; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-util-transcript-format',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
