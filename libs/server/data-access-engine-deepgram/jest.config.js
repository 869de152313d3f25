/** Jest settings for server-data-access-engine-deepgram; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-engine-deepgram',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
