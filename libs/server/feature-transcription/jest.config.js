/** Jest settings for server-feature-transcription; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-transcription',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
