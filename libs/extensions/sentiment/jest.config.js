/** Jest settings for extensions-sentiment; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-sentiment',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
