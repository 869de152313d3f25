/** Jest settings for extensions-webhooks; shared settings live in jest.preset.js. */
module.exports = {
  displayName: 'extensions-webhooks',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
