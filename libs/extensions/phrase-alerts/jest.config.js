/** Jest settings for extensions-phrase-alerts; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-phrase-alerts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
