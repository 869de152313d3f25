/** Jest settings for server-data-access-engine-pocketsphinx; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'server-data-access-engine-pocketsphinx',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
