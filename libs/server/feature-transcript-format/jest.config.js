/** Jest settings for server-feature-transcript-format; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-transcript-format',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
