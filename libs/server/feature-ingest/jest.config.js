/** Jest settings for server-feature-ingest; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-feature-ingest',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
